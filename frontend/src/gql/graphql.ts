/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Narrows `contextEvents` to those overlapping a period. */
export type ContextEventFilter = {
  end?: string | null | undefined;
  kind?: ContextEventKind | null | undefined;
  start?: string | null | undefined;
};

export type ContextEventKind =
  | 'conflict'
  | 'other'
  | 'pandemic'
  | 'police_operation'
  | 'policy';

/** The elements of the GVI model a programme should be running. */
export type FidelityElement =
  | 'call_ins'
  | 'group_audit'
  | 'partnership'
  | 'sanctions'
  | 'support';

export type FidelityStatus =
  | 'met'
  | 'not_met'
  | 'partly_met';

/** Calendar periods in Swedish time. */
export type FiguresPeriod =
  | 'MONTH'
  | 'QUARTER'
  | 'YEAR';

export type Phase =
  | 'first_call_in'
  | 'ongoing_operation'
  | 'partnership'
  | 'problem_analysis';

export type DashboardQueryVariables = Exact<{
  period: FiguresPeriod;
  from?: string | null | undefined;
  to?: string | null | undefined;
  events?: ContextEventFilter | null | undefined;
}>;


export type DashboardQuery = { city: { name: string } | null, cityFigures: Array<{ period: string, startsOn: string, shootingsWithInjury: number, shootingsWithoutInjury: number, killed: number, injured: number, explosions: number, callInsHeld: number, clientsAttending: number, customNotifications: number, enforcementHomeVisit: number, enforcementArrest: number, enforcementSearch: number, enforcementProsecution: number, enforcementProbationSanction: number, enforcementAdministrative: number, supportOffered: number, supportAccepted: number, supportStarted: number, supportCompleted: number, peopleReached: number }>, contextEvents: { edges: Array<{ node: { id: string, kind: ContextEventKind, title: string, startedOn: string, endedOn: string | null } }> }, programme: { name: string, startedOn: string, phases: Array<{ phase: Phase, startedOn: string, endedOn: string | null }>, fidelity: Array<{ element: FidelityElement, status: FidelityStatus | null, assessedOn: string | null, nextReviewOn: string | null, overdue: boolean }> } | null };


export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FiguresPeriod"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"events"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ContextEventFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cityFigures"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"shootingsWithInjury"}},{"kind":"Field","name":{"kind":"Name","value":"shootingsWithoutInjury"}},{"kind":"Field","name":{"kind":"Name","value":"killed"}},{"kind":"Field","name":{"kind":"Name","value":"injured"}},{"kind":"Field","name":{"kind":"Name","value":"explosions"}},{"kind":"Field","name":{"kind":"Name","value":"callInsHeld"}},{"kind":"Field","name":{"kind":"Name","value":"clientsAttending"}},{"kind":"Field","name":{"kind":"Name","value":"customNotifications"}},{"kind":"Field","name":{"kind":"Name","value":"enforcementHomeVisit"}},{"kind":"Field","name":{"kind":"Name","value":"enforcementArrest"}},{"kind":"Field","name":{"kind":"Name","value":"enforcementSearch"}},{"kind":"Field","name":{"kind":"Name","value":"enforcementProsecution"}},{"kind":"Field","name":{"kind":"Name","value":"enforcementProbationSanction"}},{"kind":"Field","name":{"kind":"Name","value":"enforcementAdministrative"}},{"kind":"Field","name":{"kind":"Name","value":"supportOffered"}},{"kind":"Field","name":{"kind":"Name","value":"supportAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"supportStarted"}},{"kind":"Field","name":{"kind":"Name","value":"supportCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"peopleReached"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contextEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"events"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"programme"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"phases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fidelity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"element"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"assessedOn"}},{"kind":"Field","name":{"kind":"Name","value":"nextReviewOn"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;