/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation AssessInvolvement($input: AssessInvolvementInput!, $key: String) {\n    assessInvolvement(input: $input, idempotencyKey: $key) {\n      incident { id involvement(currentOnly: true) { involvement confidence assessedAt group { id name } } }\n      errors { field code message }\n    }\n  }\n": typeof types.AssessInvolvementDocument,
    "\n  mutation CancelCallIn($input: CancelCallInInput!, $key: String) {\n    cancelCallIn(input: $input, idempotencyKey: $key) { callIn { id status cancellationReason } errors { field code message } }\n  }\n": typeof types.CancelCallInDocument,
    "\n  mutation UpdateIncident($input: UpdateIncidentInput!, $key: String) {\n    updateIncident(input: $input, idempotencyKey: $key) {\n      incident { id version type occurredAt area policeArea policeRegion confirmed killed injured description externalReference }\n      errors { field code message }\n    }\n  }\n": typeof types.UpdateIncidentDocument,
    "\n  mutation LinkIncidentGroup($input: LinkIncidentGroupInput!, $key: String) {\n    linkIncidentGroup(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }\n  }\n": typeof types.LinkIncidentGroupDocument,
    "\n  mutation LinkIncidentPerson($input: LinkIncidentPersonInput!, $key: String) {\n    linkIncidentPerson(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }\n  }\n": typeof types.LinkIncidentPersonDocument,
    "\n  query Organisations { organisations(first: 100) { edges { node { id name kind active } } } }\n": typeof types.OrganisationsDocument,
    "\n  query GroupsPick { groups(first: 100) { edges { node { id name status } } } }\n": typeof types.GroupsPickDocument,
    "\n  query PeoplePick($name: String!) {\n    people(first: 20, filter: { nameContains: $name }) { edges { node { id displayName birthYear } } }\n  }\n": typeof types.PeoplePickDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!, $key: String) {\n    createTask(input: $input, idempotencyKey: $key) {\n      task { id title status dueOn assigneeOrganisation { id name } }\n      errors { field code message }\n    }\n  }\n": typeof types.CreateTaskDocument,
    "\n  query CallIn($id: ID!, $people: Boolean!, $groups: Boolean!) {\n    callIn(id: $id) {\n      id heldOn venue status rehearsalOn preMeetingAt message supportOffer followUp cancellationReason\n      speakers { name category organisation { name } }\n      clients { id attendance followUp person @include(if: $people) { id displayName } group @include(if: $groups) { id name }\n        referringOrganisation { name } }\n    }\n  }\n": typeof types.CallInDocument,
    "\n  mutation RecordRehearsal($input: RecordCallInRehearsalInput!, $key: String) {\n    recordCallInRehearsal(input: $input, idempotencyKey: $key) { callIn { id status rehearsalOn } errors { field code message } }\n  }\n": typeof types.RecordRehearsalDocument,
    "\n  mutation MarkHeld($input: MarkCallInHeldInput!, $key: String) {\n    markCallInHeld(input: $input, idempotencyKey: $key) { callIn { id status followUp } errors { field code message } }\n  }\n": typeof types.MarkHeldDocument,
    "\n  mutation AddSpeaker($input: AddCallInSpeakerInput!, $key: String) {\n    addCallInSpeaker(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n": typeof types.AddSpeakerDocument,
    "\n  mutation InviteClient($input: InviteCallInClientInput!, $key: String) {\n    inviteCallInClient(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n": typeof types.InviteClientDocument,
    "\n  mutation RecordAttendance($input: RecordAttendanceInput!, $key: String) {\n    recordAttendance(input: $input, idempotencyKey: $key) { callIn { id clients { id attendance } } errors { field code message } }\n  }\n": typeof types.RecordAttendanceDocument,
    "\n  query CallIns { callIns(first: 50) { edges { node { id heldOn venue status rehearsalOn clients { id attendance } } } } }\n": typeof types.CallInsDocument,
    "\n  mutation PlanCallIn($input: PlanCallInInput!, $key: String) {\n    planCallIn(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n": typeof types.PlanCallInDocument,
    "\n  query Dashboard($period: FiguresPeriod!, $from: Date, $to: Date, $events: ContextEventFilter) {\n    city { name }\n    cityFigures(period: $period, from: $from, to: $to) {\n      period startsOn shootingsWithInjury shootingsWithoutInjury killed injured explosions callInsHeld clientsAttending\n      customNotifications enforcementHomeVisit enforcementArrest enforcementSearch enforcementProsecution\n      enforcementProbationSanction enforcementAdministrative supportOffered supportAccepted supportStarted supportCompleted\n      peopleReached\n    }\n    contextEvents(first: 100, filter: $events) { edges { node { id kind title startedOn endedOn } } }\n    programme {\n      name startedOn\n      phases { phase startedOn endedOn }\n      fidelity { element status assessedOn nextReviewOn overdue }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query Enforcement($people: Boolean!) {\n    enforcementActions(first: 50) {\n      edges { node { id type takenOn result organisation { name } group { id name } targets @include(if: $people) { id displayName } } }\n    }\n    focusList { id startedOn reviewDate confidence group { id name } person @include(if: $people) { id displayName } }\n  }\n": typeof types.EnforcementDocument,
    "\n  mutation RecordEnforcementAction($input: RecordEnforcementActionInput!, $key: String) {\n    recordEnforcementAction(input: $input, idempotencyKey: $key) { action { id } errors { field code message } }\n  }\n": typeof types.RecordEnforcementActionDocument,
    "\n  query Group($id: ID!, $people: Boolean!) {\n    group(id: $id) {\n      id name status aliases areas description\n      currentRisk { level assessedOn confidence basis }\n      relationships { id kind startedOn endedOn groupA { id name } groupB { id name } }\n      memberships { id position startedOn endedOn reviewDate current confidence person @include(if: $people) { id displayName } }\n      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": typeof types.GroupDocument,
    "\n  query GroupTimeline($id: ID!, $after: String) {\n    group(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.GroupTimelineDocument,
    "\n  query Groups($name: String) {\n    groups(first: 100, filter: { nameContains: $name }) {\n      edges { node { id name status areas aliases currentRisk { level assessedOn } memberships(currentOnly: true) { id } } }\n    }\n  }\n": typeof types.GroupsDocument,
    "\n  query Incident($id: ID!, $groups: Boolean!, $people: Boolean!) {\n    incident(id: $id) {\n      id type occurredAt area policeArea policeRegion confirmed killed injured description externalReference createdAt version\n      groupLinks @include(if: $groups) { role group { id name } }\n      people @include(if: $people) { role person { id displayName } }\n      involvement @include(if: $groups) { involvement confidence assessedAt note group { id name } }\n    }\n  }\n": typeof types.IncidentDocument,
    "\n  query Incidents($first: Int!, $after: String, $filter: IncidentFilter, $groups: Boolean!) {\n    incidents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type occurredAt area confirmed killed injured externalReference groups @include(if: $groups) { id name } } }\n    }\n  }\n": typeof types.IncidentsDocument,
    "\n  mutation CreateIncident($input: IncidentInput!, $key: String) {\n    createIncident(input: $input, idempotencyKey: $key) {\n      incident { id }\n      errors { field code message }\n    }\n  }\n": typeof types.CreateIncidentDocument,
    "\n  query Network($on: Date) {\n    groupNetwork(on: $on) { id kind startedOn endedOn groupA { id name status } groupB { id name status } }\n  }\n": typeof types.NetworkDocument,
    "\n  query CustomNotifications($people: Boolean!) {\n    customNotifications(first: 100) {\n      edges { node { id deliveredOn setting outcome supportOffered deliveredBy followUpOn organisations { name }\n        person @include(if: $people) { id displayName } } }\n    }\n  }\n": typeof types.CustomNotificationsDocument,
    "\n  mutation RecordCustomNotification($input: RecordCustomNotificationInput!, $key: String) {\n    recordCustomNotification(input: $input, idempotencyKey: $key) { notification { id } errors { field code message } }\n  }\n": typeof types.RecordCustomNotificationDocument,
    "\n  query Outreach($first: Int!, $after: String, $filter: OutreachActivityFilter, $people: Boolean!, $groups: Boolean!) {\n    outreachActivities(first: $first, after: $after, filter: $filter) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind occurredOn worker hours note organisation { id name }\n        person @include(if: $people) { id displayName } otherPerson @include(if: $people) { id displayName }\n        group @include(if: $groups) { id name } otherGroup @include(if: $groups) { id name } } }\n    }\n  }\n": typeof types.OutreachDocument,
    "\n  mutation LogOutreach($input: LogOutreachInput!, $key: String) {\n    logOutreach(input: $input, idempotencyKey: $key) { activity { id kind occurredOn } errors { field code message } }\n  }\n": typeof types.LogOutreachDocument,
    "\n  query People($filter: PersonFilter, $after: String) {\n    people(first: 50, filter: $filter, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id displayName birthYear supervisionStatus } }\n    }\n  }\n": typeof types.PeopleDocument,
    "\n  query Person($id: ID!, $groups: Boolean!, $support: Boolean!) {\n    person(id: $id) {\n      id displayName nickname birthYear identityKind supervisionStatus supervisionUntil note\n      supervisingOrganisation { name }\n      designations { id kind startedOn endedOn reviewDate current confidence source group @include(if: $groups) { id name } }\n      memberships @include(if: $groups) { id position startedOn endedOn reviewDate current confidence group { id name } }\n      supportCases @include(if: $support) { id providerType status statusOn }\n      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": typeof types.PersonDocument,
    "\n  query PersonTimeline($id: ID!, $after: String) {\n    person(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.PersonTimelineDocument,
    "\n  query PersonIdentity($id: ID!) { person(id: $id) { id identityNumber } }\n": typeof types.PersonIdentityDocument,
    "\n  query Review($from: DateTime!, $groups: Boolean!, $tasks: Boolean!) {\n    incidents(first: 100, filter: { occurredFrom: $from }) {\n      edges { node { id type occurredAt area killed injured confirmed\n        groupLinks @include(if: $groups) { role group { id name } }\n        involvement(currentOnly: true) @include(if: $groups) { involvement confidence assessedAt group { id name } } } }\n    }\n    incidentReviews(first: 10) {\n      edges { node { id heldOn note tasks @include(if: $tasks) { id title status dueOn assigneeOrganisation { name } } } }\n    }\n  }\n": typeof types.ReviewDocument,
    "\n  mutation HoldReview($input: HoldIncidentReviewInput!, $key: String) {\n    holdIncidentReview(input: $input, idempotencyKey: $key) { review { id heldOn } errors { field code message } }\n  }\n": typeof types.HoldReviewDocument,
    "\n  query SupportBoard($people: Boolean!) {\n    supportCases(first: 100) {\n      edges { node { id providerType context status statusOn providerOrganisation { name } person @include(if: $people) { id displayName } } }\n    }\n  }\n": typeof types.SupportBoardDocument,
    "\n  mutation OfferSupport($input: OfferSupportInput!, $key: String) {\n    offerSupport(input: $input, idempotencyKey: $key) { supportCase { id } errors { field code message } }\n  }\n": typeof types.OfferSupportDocument,
    "\n  mutation MoveSupportCase($input: TransitionSupportCaseInput!, $key: String) {\n    transitionSupportCase(input: $input, idempotencyKey: $key) { supportCase { id status statusOn } errors { field code message } }\n  }\n": typeof types.MoveSupportCaseDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!, $key: String) {\n    recordConsent(input: $input, idempotencyKey: $key) { person { id } errors { field code message } }\n  }\n": typeof types.RecordConsentDocument,
    "\n  query Tasks($after: String) {\n    tasks(first: 100, after: $after, filter: { openOnly: true }, order: DUE_ON) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id title kind status dueOn assigneeUserId linkedType linkedId assigneeOrganisation { id name } } }\n    }\n  }\n": typeof types.TasksDocument,
    "\n  mutation SetTaskStatus($input: SetTaskStatusInput!, $key: String) {\n    setTaskStatus(input: $input, idempotencyKey: $key) { task { id status } errors { field code message } }\n  }\n": typeof types.SetTaskStatusDocument,
    "\n  query AdminSharingAgreements($after: String) {\n    sharingAgreements(first: 50, after: $after) {\n      edges { node { id reference title validFrom validUntil inForce\n        parties { organisationId signatoryName signatoryTitle signedOn } terms { category legalBasis secrecyProvision } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.AdminSharingAgreementsDocument,
    "\n  mutation RecordSharingAgreement($input: RecordSharingAgreementInput!, $key: String) {\n    recordSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }\n  }\n": typeof types.RecordSharingAgreementDocument,
    "\n  mutation EndSharingAgreement($input: EndSharingAgreementInput!, $key: String) {\n    endSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id validUntil } errors { field code message } }\n  }\n": typeof types.EndSharingAgreementDocument,
    "\n  query AdminApiClients($after: String) {\n    apiClients(first: 50, after: $after) {\n      edges { node { id clientId name scopes secretVersion createdAt revokedAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.AdminApiClientsDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!, $key: String) {\n    createApiClient(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }\n  }\n": typeof types.CreateApiClientDocument,
    "\n  mutation RotateApiClientSecret($input: ApiClientInput!, $key: String) {\n    rotateApiClientSecret(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }\n  }\n": typeof types.RotateApiClientSecretDocument,
    "\n  mutation RevokeApiClient($input: ApiClientInput!, $key: String) {\n    revokeApiClient(input: $input, idempotencyKey: $key) { apiClient { id revokedAt } errors { field code message } }\n  }\n": typeof types.RevokeApiClientDocument,
    "\n  query AdminIdentityProvider {\n    identityProvider { issuer clientId scopes roleClaim roleMapping { claimValue role } organisationId enabled updatedAt redirectUri loginUrl }\n  }\n": typeof types.AdminIdentityProviderDocument,
    "\n  mutation SaveIdentityProvider($input: SaveIdentityProviderInput!, $key: String) {\n    saveIdentityProvider(input: $input, idempotencyKey: $key) { identityProvider { issuer } errors { field code message } }\n  }\n": typeof types.SaveIdentityProviderDocument,
    "\n  query AdminNationalSharing {\n    nationalSharing { id reference signatory signedOn measures recordedBy recordedAt inForce pausedAt pausedBy }\n  }\n": typeof types.AdminNationalSharingDocument,
    "\n  mutation RecordNationalSharing($input: RecordNationalSharingInput!, $key: String) {\n    recordNationalSharing(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }\n  }\n": typeof types.RecordNationalSharingDocument,
    "\n  mutation PauseNationalSharing($key: String) {\n    pauseNationalSharing(idempotencyKey: $key) { agreement { id inForce } errors { field code message } }\n  }\n": typeof types.PauseNationalSharingDocument,
    "\n  mutation CreateOrganisation($input: CreateOrganisationInput!, $key: String) {\n    createOrganisation(input: $input, idempotencyKey: $key) { organisation { id } errors { field code message } }\n  }\n": typeof types.CreateOrganisationDocument,
    "\n  query AdminSubjectRequests($after: String, $openOnly: Boolean!) {\n    dataSubjectRequests(first: 50, after: $after, openOnly: $openOnly) {\n      edges { node { id kind personId handledByOrganisationId receivedOn deadline extended extensionReason status outcome closedOn overdue } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.AdminSubjectRequestsDocument,
    "\n  mutation RegisterDataSubjectRequest($input: RegisterDataSubjectRequestInput!, $key: String) {\n    registerDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id } errors { field code message } }\n  }\n": typeof types.RegisterDataSubjectRequestDocument,
    "\n  mutation StartDataSubjectRequest($input: DataSubjectRequestInput!, $key: String) {\n    startDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }\n  }\n": typeof types.StartDataSubjectRequestDocument,
    "\n  mutation ExtendDataSubjectRequest($input: ExtendDataSubjectRequestInput!, $key: String) {\n    extendDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id deadline } errors { field code message } }\n  }\n": typeof types.ExtendDataSubjectRequestDocument,
    "\n  mutation CloseDataSubjectRequest($input: CloseDataSubjectRequestInput!, $key: String) {\n    closeDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }\n  }\n": typeof types.CloseDataSubjectRequestDocument,
    "\n  query AdminUsers($after: String) {\n    users(first: 50, after: $after) {\n      edges { node { id username displayName role organisationId status singleSignOn mfaEnrolled } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!, $key: String) {\n    createUser(input: $input, idempotencyKey: $key) { user { id username } initialPassword errors { field code message } }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation SetUserRole($input: SetUserRoleInput!, $key: String) {\n    setUserRole(input: $input, idempotencyKey: $key) { user { id role } errors { field code message } }\n  }\n": typeof types.SetUserRoleDocument,
    "\n  mutation SetUserStatus($input: SetUserStatusInput!, $key: String) {\n    setUserStatus(input: $input, idempotencyKey: $key) { user { id status } errors { field code message } }\n  }\n": typeof types.SetUserStatusDocument,
    "\n  mutation ResetUserMfa($input: ResetUserMfaInput!, $key: String) {\n    resetUserMfa(input: $input, idempotencyKey: $key) { user { id mfaEnrolled } errors { field code message } }\n  }\n": typeof types.ResetUserMfaDocument,
    "\n  query AdminOrganisations { organisations(first: 100) { edges { node { id name kind active } } } }\n": typeof types.AdminOrganisationsDocument,
    "\n  query NationalEffects($releaseId: Int) {\n    national {\n      releases { id periodFrom periodTo }\n      evaluation(releaseId: $releaseId) {\n        releaseId\n        cities {\n          cityId name kommunkod programmeStartedOn\n          shootings { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }\n          killedOrInjured { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }\n        }\n        shootings { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats\n                    eventStudy { eventTime effect lower upper } }\n        killedOrInjured { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats\n                          eventStudy { eventTime effect lower upper } }\n      }\n    }\n  }\n": typeof types.NationalEffectsDocument,
    "\n  query NationalReleases {\n    national {\n      releases {\n        id createdAt createdBy watermark periodFrom periodTo hash rows published\n        method { name k protection description }\n      }\n      dictionary { column meaning }\n    }\n  }\n": typeof types.NationalReleasesDocument,
    "\n  mutation CreateNationalRelease($input: CreateReleaseInput, $key: String) {\n    createRelease(input: $input, idempotencyKey: $key) {\n      job { id status releaseId error requestedAt requestedBy }\n      errors { field code message }\n      replayed\n    }\n  }\n": typeof types.CreateNationalReleaseDocument,
    "\n  mutation PublishNationalRelease($id: Int!, $withdraw: Boolean!) {\n    publishRelease(id: $id, withdraw: $withdraw) { release { id published } errors { field code message } }\n  }\n": typeof types.PublishNationalReleaseDocument,
    "\n  query NationalReleaseJob($id: ID!) { national { releaseJob(id: $id) { id status releaseId error requestedAt requestedBy } } }\n": typeof types.NationalReleaseJobDocument,
    "\n  query NationalReleaseList { national { releases { id periodFrom periodTo } } }\n": typeof types.NationalReleaseListDocument,
    "\n  query NationalReport($measures: [String!], $from: String, $to: String, $per: ReportPeriod!, $releaseId: Int) {\n    national {\n      report(measures: $measures, from: $from, to: $to, per: $per, releaseId: $releaseId) {\n        releaseId per measures\n        cities { id name kommunkod population programmeStartedOn contextEvents { kind startedOn endedOn } }\n        rows { cityId city kommunkod period values { measure value flag ratePer100k } }\n      }\n    }\n  }\n": typeof types.NationalReportDocument,
};
const documents: Documents = {
    "\n  mutation AssessInvolvement($input: AssessInvolvementInput!, $key: String) {\n    assessInvolvement(input: $input, idempotencyKey: $key) {\n      incident { id involvement(currentOnly: true) { involvement confidence assessedAt group { id name } } }\n      errors { field code message }\n    }\n  }\n": types.AssessInvolvementDocument,
    "\n  mutation CancelCallIn($input: CancelCallInInput!, $key: String) {\n    cancelCallIn(input: $input, idempotencyKey: $key) { callIn { id status cancellationReason } errors { field code message } }\n  }\n": types.CancelCallInDocument,
    "\n  mutation UpdateIncident($input: UpdateIncidentInput!, $key: String) {\n    updateIncident(input: $input, idempotencyKey: $key) {\n      incident { id version type occurredAt area policeArea policeRegion confirmed killed injured description externalReference }\n      errors { field code message }\n    }\n  }\n": types.UpdateIncidentDocument,
    "\n  mutation LinkIncidentGroup($input: LinkIncidentGroupInput!, $key: String) {\n    linkIncidentGroup(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }\n  }\n": types.LinkIncidentGroupDocument,
    "\n  mutation LinkIncidentPerson($input: LinkIncidentPersonInput!, $key: String) {\n    linkIncidentPerson(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }\n  }\n": types.LinkIncidentPersonDocument,
    "\n  query Organisations { organisations(first: 100) { edges { node { id name kind active } } } }\n": types.OrganisationsDocument,
    "\n  query GroupsPick { groups(first: 100) { edges { node { id name status } } } }\n": types.GroupsPickDocument,
    "\n  query PeoplePick($name: String!) {\n    people(first: 20, filter: { nameContains: $name }) { edges { node { id displayName birthYear } } }\n  }\n": types.PeoplePickDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!, $key: String) {\n    createTask(input: $input, idempotencyKey: $key) {\n      task { id title status dueOn assigneeOrganisation { id name } }\n      errors { field code message }\n    }\n  }\n": types.CreateTaskDocument,
    "\n  query CallIn($id: ID!, $people: Boolean!, $groups: Boolean!) {\n    callIn(id: $id) {\n      id heldOn venue status rehearsalOn preMeetingAt message supportOffer followUp cancellationReason\n      speakers { name category organisation { name } }\n      clients { id attendance followUp person @include(if: $people) { id displayName } group @include(if: $groups) { id name }\n        referringOrganisation { name } }\n    }\n  }\n": types.CallInDocument,
    "\n  mutation RecordRehearsal($input: RecordCallInRehearsalInput!, $key: String) {\n    recordCallInRehearsal(input: $input, idempotencyKey: $key) { callIn { id status rehearsalOn } errors { field code message } }\n  }\n": types.RecordRehearsalDocument,
    "\n  mutation MarkHeld($input: MarkCallInHeldInput!, $key: String) {\n    markCallInHeld(input: $input, idempotencyKey: $key) { callIn { id status followUp } errors { field code message } }\n  }\n": types.MarkHeldDocument,
    "\n  mutation AddSpeaker($input: AddCallInSpeakerInput!, $key: String) {\n    addCallInSpeaker(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n": types.AddSpeakerDocument,
    "\n  mutation InviteClient($input: InviteCallInClientInput!, $key: String) {\n    inviteCallInClient(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n": types.InviteClientDocument,
    "\n  mutation RecordAttendance($input: RecordAttendanceInput!, $key: String) {\n    recordAttendance(input: $input, idempotencyKey: $key) { callIn { id clients { id attendance } } errors { field code message } }\n  }\n": types.RecordAttendanceDocument,
    "\n  query CallIns { callIns(first: 50) { edges { node { id heldOn venue status rehearsalOn clients { id attendance } } } } }\n": types.CallInsDocument,
    "\n  mutation PlanCallIn($input: PlanCallInInput!, $key: String) {\n    planCallIn(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n": types.PlanCallInDocument,
    "\n  query Dashboard($period: FiguresPeriod!, $from: Date, $to: Date, $events: ContextEventFilter) {\n    city { name }\n    cityFigures(period: $period, from: $from, to: $to) {\n      period startsOn shootingsWithInjury shootingsWithoutInjury killed injured explosions callInsHeld clientsAttending\n      customNotifications enforcementHomeVisit enforcementArrest enforcementSearch enforcementProsecution\n      enforcementProbationSanction enforcementAdministrative supportOffered supportAccepted supportStarted supportCompleted\n      peopleReached\n    }\n    contextEvents(first: 100, filter: $events) { edges { node { id kind title startedOn endedOn } } }\n    programme {\n      name startedOn\n      phases { phase startedOn endedOn }\n      fidelity { element status assessedOn nextReviewOn overdue }\n    }\n  }\n": types.DashboardDocument,
    "\n  query Enforcement($people: Boolean!) {\n    enforcementActions(first: 50) {\n      edges { node { id type takenOn result organisation { name } group { id name } targets @include(if: $people) { id displayName } } }\n    }\n    focusList { id startedOn reviewDate confidence group { id name } person @include(if: $people) { id displayName } }\n  }\n": types.EnforcementDocument,
    "\n  mutation RecordEnforcementAction($input: RecordEnforcementActionInput!, $key: String) {\n    recordEnforcementAction(input: $input, idempotencyKey: $key) { action { id } errors { field code message } }\n  }\n": types.RecordEnforcementActionDocument,
    "\n  query Group($id: ID!, $people: Boolean!) {\n    group(id: $id) {\n      id name status aliases areas description\n      currentRisk { level assessedOn confidence basis }\n      relationships { id kind startedOn endedOn groupA { id name } groupB { id name } }\n      memberships { id position startedOn endedOn reviewDate current confidence person @include(if: $people) { id displayName } }\n      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": types.GroupDocument,
    "\n  query GroupTimeline($id: ID!, $after: String) {\n    group(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }\n  }\n": types.GroupTimelineDocument,
    "\n  query Groups($name: String) {\n    groups(first: 100, filter: { nameContains: $name }) {\n      edges { node { id name status areas aliases currentRisk { level assessedOn } memberships(currentOnly: true) { id } } }\n    }\n  }\n": types.GroupsDocument,
    "\n  query Incident($id: ID!, $groups: Boolean!, $people: Boolean!) {\n    incident(id: $id) {\n      id type occurredAt area policeArea policeRegion confirmed killed injured description externalReference createdAt version\n      groupLinks @include(if: $groups) { role group { id name } }\n      people @include(if: $people) { role person { id displayName } }\n      involvement @include(if: $groups) { involvement confidence assessedAt note group { id name } }\n    }\n  }\n": types.IncidentDocument,
    "\n  query Incidents($first: Int!, $after: String, $filter: IncidentFilter, $groups: Boolean!) {\n    incidents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type occurredAt area confirmed killed injured externalReference groups @include(if: $groups) { id name } } }\n    }\n  }\n": types.IncidentsDocument,
    "\n  mutation CreateIncident($input: IncidentInput!, $key: String) {\n    createIncident(input: $input, idempotencyKey: $key) {\n      incident { id }\n      errors { field code message }\n    }\n  }\n": types.CreateIncidentDocument,
    "\n  query Network($on: Date) {\n    groupNetwork(on: $on) { id kind startedOn endedOn groupA { id name status } groupB { id name status } }\n  }\n": types.NetworkDocument,
    "\n  query CustomNotifications($people: Boolean!) {\n    customNotifications(first: 100) {\n      edges { node { id deliveredOn setting outcome supportOffered deliveredBy followUpOn organisations { name }\n        person @include(if: $people) { id displayName } } }\n    }\n  }\n": types.CustomNotificationsDocument,
    "\n  mutation RecordCustomNotification($input: RecordCustomNotificationInput!, $key: String) {\n    recordCustomNotification(input: $input, idempotencyKey: $key) { notification { id } errors { field code message } }\n  }\n": types.RecordCustomNotificationDocument,
    "\n  query Outreach($first: Int!, $after: String, $filter: OutreachActivityFilter, $people: Boolean!, $groups: Boolean!) {\n    outreachActivities(first: $first, after: $after, filter: $filter) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind occurredOn worker hours note organisation { id name }\n        person @include(if: $people) { id displayName } otherPerson @include(if: $people) { id displayName }\n        group @include(if: $groups) { id name } otherGroup @include(if: $groups) { id name } } }\n    }\n  }\n": types.OutreachDocument,
    "\n  mutation LogOutreach($input: LogOutreachInput!, $key: String) {\n    logOutreach(input: $input, idempotencyKey: $key) { activity { id kind occurredOn } errors { field code message } }\n  }\n": types.LogOutreachDocument,
    "\n  query People($filter: PersonFilter, $after: String) {\n    people(first: 50, filter: $filter, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id displayName birthYear supervisionStatus } }\n    }\n  }\n": types.PeopleDocument,
    "\n  query Person($id: ID!, $groups: Boolean!, $support: Boolean!) {\n    person(id: $id) {\n      id displayName nickname birthYear identityKind supervisionStatus supervisionUntil note\n      supervisingOrganisation { name }\n      designations { id kind startedOn endedOn reviewDate current confidence source group @include(if: $groups) { id name } }\n      memberships @include(if: $groups) { id position startedOn endedOn reviewDate current confidence group { id name } }\n      supportCases @include(if: $support) { id providerType status statusOn }\n      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": types.PersonDocument,
    "\n  query PersonTimeline($id: ID!, $after: String) {\n    person(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }\n  }\n": types.PersonTimelineDocument,
    "\n  query PersonIdentity($id: ID!) { person(id: $id) { id identityNumber } }\n": types.PersonIdentityDocument,
    "\n  query Review($from: DateTime!, $groups: Boolean!, $tasks: Boolean!) {\n    incidents(first: 100, filter: { occurredFrom: $from }) {\n      edges { node { id type occurredAt area killed injured confirmed\n        groupLinks @include(if: $groups) { role group { id name } }\n        involvement(currentOnly: true) @include(if: $groups) { involvement confidence assessedAt group { id name } } } }\n    }\n    incidentReviews(first: 10) {\n      edges { node { id heldOn note tasks @include(if: $tasks) { id title status dueOn assigneeOrganisation { name } } } }\n    }\n  }\n": types.ReviewDocument,
    "\n  mutation HoldReview($input: HoldIncidentReviewInput!, $key: String) {\n    holdIncidentReview(input: $input, idempotencyKey: $key) { review { id heldOn } errors { field code message } }\n  }\n": types.HoldReviewDocument,
    "\n  query SupportBoard($people: Boolean!) {\n    supportCases(first: 100) {\n      edges { node { id providerType context status statusOn providerOrganisation { name } person @include(if: $people) { id displayName } } }\n    }\n  }\n": types.SupportBoardDocument,
    "\n  mutation OfferSupport($input: OfferSupportInput!, $key: String) {\n    offerSupport(input: $input, idempotencyKey: $key) { supportCase { id } errors { field code message } }\n  }\n": types.OfferSupportDocument,
    "\n  mutation MoveSupportCase($input: TransitionSupportCaseInput!, $key: String) {\n    transitionSupportCase(input: $input, idempotencyKey: $key) { supportCase { id status statusOn } errors { field code message } }\n  }\n": types.MoveSupportCaseDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!, $key: String) {\n    recordConsent(input: $input, idempotencyKey: $key) { person { id } errors { field code message } }\n  }\n": types.RecordConsentDocument,
    "\n  query Tasks($after: String) {\n    tasks(first: 100, after: $after, filter: { openOnly: true }, order: DUE_ON) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id title kind status dueOn assigneeUserId linkedType linkedId assigneeOrganisation { id name } } }\n    }\n  }\n": types.TasksDocument,
    "\n  mutation SetTaskStatus($input: SetTaskStatusInput!, $key: String) {\n    setTaskStatus(input: $input, idempotencyKey: $key) { task { id status } errors { field code message } }\n  }\n": types.SetTaskStatusDocument,
    "\n  query AdminSharingAgreements($after: String) {\n    sharingAgreements(first: 50, after: $after) {\n      edges { node { id reference title validFrom validUntil inForce\n        parties { organisationId signatoryName signatoryTitle signedOn } terms { category legalBasis secrecyProvision } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.AdminSharingAgreementsDocument,
    "\n  mutation RecordSharingAgreement($input: RecordSharingAgreementInput!, $key: String) {\n    recordSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }\n  }\n": types.RecordSharingAgreementDocument,
    "\n  mutation EndSharingAgreement($input: EndSharingAgreementInput!, $key: String) {\n    endSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id validUntil } errors { field code message } }\n  }\n": types.EndSharingAgreementDocument,
    "\n  query AdminApiClients($after: String) {\n    apiClients(first: 50, after: $after) {\n      edges { node { id clientId name scopes secretVersion createdAt revokedAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.AdminApiClientsDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!, $key: String) {\n    createApiClient(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }\n  }\n": types.CreateApiClientDocument,
    "\n  mutation RotateApiClientSecret($input: ApiClientInput!, $key: String) {\n    rotateApiClientSecret(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }\n  }\n": types.RotateApiClientSecretDocument,
    "\n  mutation RevokeApiClient($input: ApiClientInput!, $key: String) {\n    revokeApiClient(input: $input, idempotencyKey: $key) { apiClient { id revokedAt } errors { field code message } }\n  }\n": types.RevokeApiClientDocument,
    "\n  query AdminIdentityProvider {\n    identityProvider { issuer clientId scopes roleClaim roleMapping { claimValue role } organisationId enabled updatedAt redirectUri loginUrl }\n  }\n": types.AdminIdentityProviderDocument,
    "\n  mutation SaveIdentityProvider($input: SaveIdentityProviderInput!, $key: String) {\n    saveIdentityProvider(input: $input, idempotencyKey: $key) { identityProvider { issuer } errors { field code message } }\n  }\n": types.SaveIdentityProviderDocument,
    "\n  query AdminNationalSharing {\n    nationalSharing { id reference signatory signedOn measures recordedBy recordedAt inForce pausedAt pausedBy }\n  }\n": types.AdminNationalSharingDocument,
    "\n  mutation RecordNationalSharing($input: RecordNationalSharingInput!, $key: String) {\n    recordNationalSharing(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }\n  }\n": types.RecordNationalSharingDocument,
    "\n  mutation PauseNationalSharing($key: String) {\n    pauseNationalSharing(idempotencyKey: $key) { agreement { id inForce } errors { field code message } }\n  }\n": types.PauseNationalSharingDocument,
    "\n  mutation CreateOrganisation($input: CreateOrganisationInput!, $key: String) {\n    createOrganisation(input: $input, idempotencyKey: $key) { organisation { id } errors { field code message } }\n  }\n": types.CreateOrganisationDocument,
    "\n  query AdminSubjectRequests($after: String, $openOnly: Boolean!) {\n    dataSubjectRequests(first: 50, after: $after, openOnly: $openOnly) {\n      edges { node { id kind personId handledByOrganisationId receivedOn deadline extended extensionReason status outcome closedOn overdue } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.AdminSubjectRequestsDocument,
    "\n  mutation RegisterDataSubjectRequest($input: RegisterDataSubjectRequestInput!, $key: String) {\n    registerDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id } errors { field code message } }\n  }\n": types.RegisterDataSubjectRequestDocument,
    "\n  mutation StartDataSubjectRequest($input: DataSubjectRequestInput!, $key: String) {\n    startDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }\n  }\n": types.StartDataSubjectRequestDocument,
    "\n  mutation ExtendDataSubjectRequest($input: ExtendDataSubjectRequestInput!, $key: String) {\n    extendDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id deadline } errors { field code message } }\n  }\n": types.ExtendDataSubjectRequestDocument,
    "\n  mutation CloseDataSubjectRequest($input: CloseDataSubjectRequestInput!, $key: String) {\n    closeDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }\n  }\n": types.CloseDataSubjectRequestDocument,
    "\n  query AdminUsers($after: String) {\n    users(first: 50, after: $after) {\n      edges { node { id username displayName role organisationId status singleSignOn mfaEnrolled } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!, $key: String) {\n    createUser(input: $input, idempotencyKey: $key) { user { id username } initialPassword errors { field code message } }\n  }\n": types.CreateUserDocument,
    "\n  mutation SetUserRole($input: SetUserRoleInput!, $key: String) {\n    setUserRole(input: $input, idempotencyKey: $key) { user { id role } errors { field code message } }\n  }\n": types.SetUserRoleDocument,
    "\n  mutation SetUserStatus($input: SetUserStatusInput!, $key: String) {\n    setUserStatus(input: $input, idempotencyKey: $key) { user { id status } errors { field code message } }\n  }\n": types.SetUserStatusDocument,
    "\n  mutation ResetUserMfa($input: ResetUserMfaInput!, $key: String) {\n    resetUserMfa(input: $input, idempotencyKey: $key) { user { id mfaEnrolled } errors { field code message } }\n  }\n": types.ResetUserMfaDocument,
    "\n  query AdminOrganisations { organisations(first: 100) { edges { node { id name kind active } } } }\n": types.AdminOrganisationsDocument,
    "\n  query NationalEffects($releaseId: Int) {\n    national {\n      releases { id periodFrom periodTo }\n      evaluation(releaseId: $releaseId) {\n        releaseId\n        cities {\n          cityId name kommunkod programmeStartedOn\n          shootings { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }\n          killedOrInjured { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }\n        }\n        shootings { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats\n                    eventStudy { eventTime effect lower upper } }\n        killedOrInjured { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats\n                          eventStudy { eventTime effect lower upper } }\n      }\n    }\n  }\n": types.NationalEffectsDocument,
    "\n  query NationalReleases {\n    national {\n      releases {\n        id createdAt createdBy watermark periodFrom periodTo hash rows published\n        method { name k protection description }\n      }\n      dictionary { column meaning }\n    }\n  }\n": types.NationalReleasesDocument,
    "\n  mutation CreateNationalRelease($input: CreateReleaseInput, $key: String) {\n    createRelease(input: $input, idempotencyKey: $key) {\n      job { id status releaseId error requestedAt requestedBy }\n      errors { field code message }\n      replayed\n    }\n  }\n": types.CreateNationalReleaseDocument,
    "\n  mutation PublishNationalRelease($id: Int!, $withdraw: Boolean!) {\n    publishRelease(id: $id, withdraw: $withdraw) { release { id published } errors { field code message } }\n  }\n": types.PublishNationalReleaseDocument,
    "\n  query NationalReleaseJob($id: ID!) { national { releaseJob(id: $id) { id status releaseId error requestedAt requestedBy } } }\n": types.NationalReleaseJobDocument,
    "\n  query NationalReleaseList { national { releases { id periodFrom periodTo } } }\n": types.NationalReleaseListDocument,
    "\n  query NationalReport($measures: [String!], $from: String, $to: String, $per: ReportPeriod!, $releaseId: Int) {\n    national {\n      report(measures: $measures, from: $from, to: $to, per: $per, releaseId: $releaseId) {\n        releaseId per measures\n        cities { id name kommunkod population programmeStartedOn contextEvents { kind startedOn endedOn } }\n        rows { cityId city kommunkod period values { measure value flag ratePer100k } }\n      }\n    }\n  }\n": types.NationalReportDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssessInvolvement($input: AssessInvolvementInput!, $key: String) {\n    assessInvolvement(input: $input, idempotencyKey: $key) {\n      incident { id involvement(currentOnly: true) { involvement confidence assessedAt group { id name } } }\n      errors { field code message }\n    }\n  }\n"): (typeof documents)["\n  mutation AssessInvolvement($input: AssessInvolvementInput!, $key: String) {\n    assessInvolvement(input: $input, idempotencyKey: $key) {\n      incident { id involvement(currentOnly: true) { involvement confidence assessedAt group { id name } } }\n      errors { field code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelCallIn($input: CancelCallInInput!, $key: String) {\n    cancelCallIn(input: $input, idempotencyKey: $key) { callIn { id status cancellationReason } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation CancelCallIn($input: CancelCallInInput!, $key: String) {\n    cancelCallIn(input: $input, idempotencyKey: $key) { callIn { id status cancellationReason } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateIncident($input: UpdateIncidentInput!, $key: String) {\n    updateIncident(input: $input, idempotencyKey: $key) {\n      incident { id version type occurredAt area policeArea policeRegion confirmed killed injured description externalReference }\n      errors { field code message }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateIncident($input: UpdateIncidentInput!, $key: String) {\n    updateIncident(input: $input, idempotencyKey: $key) {\n      incident { id version type occurredAt area policeArea policeRegion confirmed killed injured description externalReference }\n      errors { field code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkIncidentGroup($input: LinkIncidentGroupInput!, $key: String) {\n    linkIncidentGroup(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation LinkIncidentGroup($input: LinkIncidentGroupInput!, $key: String) {\n    linkIncidentGroup(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkIncidentPerson($input: LinkIncidentPersonInput!, $key: String) {\n    linkIncidentPerson(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation LinkIncidentPerson($input: LinkIncidentPersonInput!, $key: String) {\n    linkIncidentPerson(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organisations { organisations(first: 100) { edges { node { id name kind active } } } }\n"): (typeof documents)["\n  query Organisations { organisations(first: 100) { edges { node { id name kind active } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupsPick { groups(first: 100) { edges { node { id name status } } } }\n"): (typeof documents)["\n  query GroupsPick { groups(first: 100) { edges { node { id name status } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeoplePick($name: String!) {\n    people(first: 20, filter: { nameContains: $name }) { edges { node { id displayName birthYear } } }\n  }\n"): (typeof documents)["\n  query PeoplePick($name: String!) {\n    people(first: 20, filter: { nameContains: $name }) { edges { node { id displayName birthYear } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTask($input: CreateTaskInput!, $key: String) {\n    createTask(input: $input, idempotencyKey: $key) {\n      task { id title status dueOn assigneeOrganisation { id name } }\n      errors { field code message }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTask($input: CreateTaskInput!, $key: String) {\n    createTask(input: $input, idempotencyKey: $key) {\n      task { id title status dueOn assigneeOrganisation { id name } }\n      errors { field code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CallIn($id: ID!, $people: Boolean!, $groups: Boolean!) {\n    callIn(id: $id) {\n      id heldOn venue status rehearsalOn preMeetingAt message supportOffer followUp cancellationReason\n      speakers { name category organisation { name } }\n      clients { id attendance followUp person @include(if: $people) { id displayName } group @include(if: $groups) { id name }\n        referringOrganisation { name } }\n    }\n  }\n"): (typeof documents)["\n  query CallIn($id: ID!, $people: Boolean!, $groups: Boolean!) {\n    callIn(id: $id) {\n      id heldOn venue status rehearsalOn preMeetingAt message supportOffer followUp cancellationReason\n      speakers { name category organisation { name } }\n      clients { id attendance followUp person @include(if: $people) { id displayName } group @include(if: $groups) { id name }\n        referringOrganisation { name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordRehearsal($input: RecordCallInRehearsalInput!, $key: String) {\n    recordCallInRehearsal(input: $input, idempotencyKey: $key) { callIn { id status rehearsalOn } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RecordRehearsal($input: RecordCallInRehearsalInput!, $key: String) {\n    recordCallInRehearsal(input: $input, idempotencyKey: $key) { callIn { id status rehearsalOn } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkHeld($input: MarkCallInHeldInput!, $key: String) {\n    markCallInHeld(input: $input, idempotencyKey: $key) { callIn { id status followUp } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation MarkHeld($input: MarkCallInHeldInput!, $key: String) {\n    markCallInHeld(input: $input, idempotencyKey: $key) { callIn { id status followUp } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddSpeaker($input: AddCallInSpeakerInput!, $key: String) {\n    addCallInSpeaker(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation AddSpeaker($input: AddCallInSpeakerInput!, $key: String) {\n    addCallInSpeaker(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteClient($input: InviteCallInClientInput!, $key: String) {\n    inviteCallInClient(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation InviteClient($input: InviteCallInClientInput!, $key: String) {\n    inviteCallInClient(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAttendance($input: RecordAttendanceInput!, $key: String) {\n    recordAttendance(input: $input, idempotencyKey: $key) { callIn { id clients { id attendance } } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RecordAttendance($input: RecordAttendanceInput!, $key: String) {\n    recordAttendance(input: $input, idempotencyKey: $key) { callIn { id clients { id attendance } } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CallIns { callIns(first: 50) { edges { node { id heldOn venue status rehearsalOn clients { id attendance } } } } }\n"): (typeof documents)["\n  query CallIns { callIns(first: 50) { edges { node { id heldOn venue status rehearsalOn clients { id attendance } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlanCallIn($input: PlanCallInInput!, $key: String) {\n    planCallIn(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation PlanCallIn($input: PlanCallInInput!, $key: String) {\n    planCallIn(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($period: FiguresPeriod!, $from: Date, $to: Date, $events: ContextEventFilter) {\n    city { name }\n    cityFigures(period: $period, from: $from, to: $to) {\n      period startsOn shootingsWithInjury shootingsWithoutInjury killed injured explosions callInsHeld clientsAttending\n      customNotifications enforcementHomeVisit enforcementArrest enforcementSearch enforcementProsecution\n      enforcementProbationSanction enforcementAdministrative supportOffered supportAccepted supportStarted supportCompleted\n      peopleReached\n    }\n    contextEvents(first: 100, filter: $events) { edges { node { id kind title startedOn endedOn } } }\n    programme {\n      name startedOn\n      phases { phase startedOn endedOn }\n      fidelity { element status assessedOn nextReviewOn overdue }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($period: FiguresPeriod!, $from: Date, $to: Date, $events: ContextEventFilter) {\n    city { name }\n    cityFigures(period: $period, from: $from, to: $to) {\n      period startsOn shootingsWithInjury shootingsWithoutInjury killed injured explosions callInsHeld clientsAttending\n      customNotifications enforcementHomeVisit enforcementArrest enforcementSearch enforcementProsecution\n      enforcementProbationSanction enforcementAdministrative supportOffered supportAccepted supportStarted supportCompleted\n      peopleReached\n    }\n    contextEvents(first: 100, filter: $events) { edges { node { id kind title startedOn endedOn } } }\n    programme {\n      name startedOn\n      phases { phase startedOn endedOn }\n      fidelity { element status assessedOn nextReviewOn overdue }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Enforcement($people: Boolean!) {\n    enforcementActions(first: 50) {\n      edges { node { id type takenOn result organisation { name } group { id name } targets @include(if: $people) { id displayName } } }\n    }\n    focusList { id startedOn reviewDate confidence group { id name } person @include(if: $people) { id displayName } }\n  }\n"): (typeof documents)["\n  query Enforcement($people: Boolean!) {\n    enforcementActions(first: 50) {\n      edges { node { id type takenOn result organisation { name } group { id name } targets @include(if: $people) { id displayName } } }\n    }\n    focusList { id startedOn reviewDate confidence group { id name } person @include(if: $people) { id displayName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordEnforcementAction($input: RecordEnforcementActionInput!, $key: String) {\n    recordEnforcementAction(input: $input, idempotencyKey: $key) { action { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RecordEnforcementAction($input: RecordEnforcementActionInput!, $key: String) {\n    recordEnforcementAction(input: $input, idempotencyKey: $key) { action { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Group($id: ID!, $people: Boolean!) {\n    group(id: $id) {\n      id name status aliases areas description\n      currentRisk { level assessedOn confidence basis }\n      relationships { id kind startedOn endedOn groupA { id name } groupB { id name } }\n      memberships { id position startedOn endedOn reviewDate current confidence person @include(if: $people) { id displayName } }\n      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n"): (typeof documents)["\n  query Group($id: ID!, $people: Boolean!) {\n    group(id: $id) {\n      id name status aliases areas description\n      currentRisk { level assessedOn confidence basis }\n      relationships { id kind startedOn endedOn groupA { id name } groupB { id name } }\n      memberships { id position startedOn endedOn reviewDate current confidence person @include(if: $people) { id displayName } }\n      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupTimeline($id: ID!, $after: String) {\n    group(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }\n  }\n"): (typeof documents)["\n  query GroupTimeline($id: ID!, $after: String) {\n    group(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Groups($name: String) {\n    groups(first: 100, filter: { nameContains: $name }) {\n      edges { node { id name status areas aliases currentRisk { level assessedOn } memberships(currentOnly: true) { id } } }\n    }\n  }\n"): (typeof documents)["\n  query Groups($name: String) {\n    groups(first: 100, filter: { nameContains: $name }) {\n      edges { node { id name status areas aliases currentRisk { level assessedOn } memberships(currentOnly: true) { id } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Incident($id: ID!, $groups: Boolean!, $people: Boolean!) {\n    incident(id: $id) {\n      id type occurredAt area policeArea policeRegion confirmed killed injured description externalReference createdAt version\n      groupLinks @include(if: $groups) { role group { id name } }\n      people @include(if: $people) { role person { id displayName } }\n      involvement @include(if: $groups) { involvement confidence assessedAt note group { id name } }\n    }\n  }\n"): (typeof documents)["\n  query Incident($id: ID!, $groups: Boolean!, $people: Boolean!) {\n    incident(id: $id) {\n      id type occurredAt area policeArea policeRegion confirmed killed injured description externalReference createdAt version\n      groupLinks @include(if: $groups) { role group { id name } }\n      people @include(if: $people) { role person { id displayName } }\n      involvement @include(if: $groups) { involvement confidence assessedAt note group { id name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Incidents($first: Int!, $after: String, $filter: IncidentFilter, $groups: Boolean!) {\n    incidents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type occurredAt area confirmed killed injured externalReference groups @include(if: $groups) { id name } } }\n    }\n  }\n"): (typeof documents)["\n  query Incidents($first: Int!, $after: String, $filter: IncidentFilter, $groups: Boolean!) {\n    incidents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type occurredAt area confirmed killed injured externalReference groups @include(if: $groups) { id name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateIncident($input: IncidentInput!, $key: String) {\n    createIncident(input: $input, idempotencyKey: $key) {\n      incident { id }\n      errors { field code message }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateIncident($input: IncidentInput!, $key: String) {\n    createIncident(input: $input, idempotencyKey: $key) {\n      incident { id }\n      errors { field code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Network($on: Date) {\n    groupNetwork(on: $on) { id kind startedOn endedOn groupA { id name status } groupB { id name status } }\n  }\n"): (typeof documents)["\n  query Network($on: Date) {\n    groupNetwork(on: $on) { id kind startedOn endedOn groupA { id name status } groupB { id name status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomNotifications($people: Boolean!) {\n    customNotifications(first: 100) {\n      edges { node { id deliveredOn setting outcome supportOffered deliveredBy followUpOn organisations { name }\n        person @include(if: $people) { id displayName } } }\n    }\n  }\n"): (typeof documents)["\n  query CustomNotifications($people: Boolean!) {\n    customNotifications(first: 100) {\n      edges { node { id deliveredOn setting outcome supportOffered deliveredBy followUpOn organisations { name }\n        person @include(if: $people) { id displayName } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordCustomNotification($input: RecordCustomNotificationInput!, $key: String) {\n    recordCustomNotification(input: $input, idempotencyKey: $key) { notification { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RecordCustomNotification($input: RecordCustomNotificationInput!, $key: String) {\n    recordCustomNotification(input: $input, idempotencyKey: $key) { notification { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Outreach($first: Int!, $after: String, $filter: OutreachActivityFilter, $people: Boolean!, $groups: Boolean!) {\n    outreachActivities(first: $first, after: $after, filter: $filter) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind occurredOn worker hours note organisation { id name }\n        person @include(if: $people) { id displayName } otherPerson @include(if: $people) { id displayName }\n        group @include(if: $groups) { id name } otherGroup @include(if: $groups) { id name } } }\n    }\n  }\n"): (typeof documents)["\n  query Outreach($first: Int!, $after: String, $filter: OutreachActivityFilter, $people: Boolean!, $groups: Boolean!) {\n    outreachActivities(first: $first, after: $after, filter: $filter) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind occurredOn worker hours note organisation { id name }\n        person @include(if: $people) { id displayName } otherPerson @include(if: $people) { id displayName }\n        group @include(if: $groups) { id name } otherGroup @include(if: $groups) { id name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogOutreach($input: LogOutreachInput!, $key: String) {\n    logOutreach(input: $input, idempotencyKey: $key) { activity { id kind occurredOn } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation LogOutreach($input: LogOutreachInput!, $key: String) {\n    logOutreach(input: $input, idempotencyKey: $key) { activity { id kind occurredOn } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query People($filter: PersonFilter, $after: String) {\n    people(first: 50, filter: $filter, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id displayName birthYear supervisionStatus } }\n    }\n  }\n"): (typeof documents)["\n  query People($filter: PersonFilter, $after: String) {\n    people(first: 50, filter: $filter, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id displayName birthYear supervisionStatus } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Person($id: ID!, $groups: Boolean!, $support: Boolean!) {\n    person(id: $id) {\n      id displayName nickname birthYear identityKind supervisionStatus supervisionUntil note\n      supervisingOrganisation { name }\n      designations { id kind startedOn endedOn reviewDate current confidence source group @include(if: $groups) { id name } }\n      memberships @include(if: $groups) { id position startedOn endedOn reviewDate current confidence group { id name } }\n      supportCases @include(if: $support) { id providerType status statusOn }\n      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n"): (typeof documents)["\n  query Person($id: ID!, $groups: Boolean!, $support: Boolean!) {\n    person(id: $id) {\n      id displayName nickname birthYear identityKind supervisionStatus supervisionUntil note\n      supervisingOrganisation { name }\n      designations { id kind startedOn endedOn reviewDate current confidence source group @include(if: $groups) { id name } }\n      memberships @include(if: $groups) { id position startedOn endedOn reviewDate current confidence group { id name } }\n      supportCases @include(if: $support) { id providerType status statusOn }\n      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonTimeline($id: ID!, $after: String) {\n    person(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }\n  }\n"): (typeof documents)["\n  query PersonTimeline($id: ID!, $after: String) {\n    person(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonIdentity($id: ID!) { person(id: $id) { id identityNumber } }\n"): (typeof documents)["\n  query PersonIdentity($id: ID!) { person(id: $id) { id identityNumber } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Review($from: DateTime!, $groups: Boolean!, $tasks: Boolean!) {\n    incidents(first: 100, filter: { occurredFrom: $from }) {\n      edges { node { id type occurredAt area killed injured confirmed\n        groupLinks @include(if: $groups) { role group { id name } }\n        involvement(currentOnly: true) @include(if: $groups) { involvement confidence assessedAt group { id name } } } }\n    }\n    incidentReviews(first: 10) {\n      edges { node { id heldOn note tasks @include(if: $tasks) { id title status dueOn assigneeOrganisation { name } } } }\n    }\n  }\n"): (typeof documents)["\n  query Review($from: DateTime!, $groups: Boolean!, $tasks: Boolean!) {\n    incidents(first: 100, filter: { occurredFrom: $from }) {\n      edges { node { id type occurredAt area killed injured confirmed\n        groupLinks @include(if: $groups) { role group { id name } }\n        involvement(currentOnly: true) @include(if: $groups) { involvement confidence assessedAt group { id name } } } }\n    }\n    incidentReviews(first: 10) {\n      edges { node { id heldOn note tasks @include(if: $tasks) { id title status dueOn assigneeOrganisation { name } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HoldReview($input: HoldIncidentReviewInput!, $key: String) {\n    holdIncidentReview(input: $input, idempotencyKey: $key) { review { id heldOn } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation HoldReview($input: HoldIncidentReviewInput!, $key: String) {\n    holdIncidentReview(input: $input, idempotencyKey: $key) { review { id heldOn } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupportBoard($people: Boolean!) {\n    supportCases(first: 100) {\n      edges { node { id providerType context status statusOn providerOrganisation { name } person @include(if: $people) { id displayName } } }\n    }\n  }\n"): (typeof documents)["\n  query SupportBoard($people: Boolean!) {\n    supportCases(first: 100) {\n      edges { node { id providerType context status statusOn providerOrganisation { name } person @include(if: $people) { id displayName } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OfferSupport($input: OfferSupportInput!, $key: String) {\n    offerSupport(input: $input, idempotencyKey: $key) { supportCase { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation OfferSupport($input: OfferSupportInput!, $key: String) {\n    offerSupport(input: $input, idempotencyKey: $key) { supportCase { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveSupportCase($input: TransitionSupportCaseInput!, $key: String) {\n    transitionSupportCase(input: $input, idempotencyKey: $key) { supportCase { id status statusOn } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation MoveSupportCase($input: TransitionSupportCaseInput!, $key: String) {\n    transitionSupportCase(input: $input, idempotencyKey: $key) { supportCase { id status statusOn } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordConsent($input: RecordConsentInput!, $key: String) {\n    recordConsent(input: $input, idempotencyKey: $key) { person { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RecordConsent($input: RecordConsentInput!, $key: String) {\n    recordConsent(input: $input, idempotencyKey: $key) { person { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tasks($after: String) {\n    tasks(first: 100, after: $after, filter: { openOnly: true }, order: DUE_ON) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id title kind status dueOn assigneeUserId linkedType linkedId assigneeOrganisation { id name } } }\n    }\n  }\n"): (typeof documents)["\n  query Tasks($after: String) {\n    tasks(first: 100, after: $after, filter: { openOnly: true }, order: DUE_ON) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id title kind status dueOn assigneeUserId linkedType linkedId assigneeOrganisation { id name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTaskStatus($input: SetTaskStatusInput!, $key: String) {\n    setTaskStatus(input: $input, idempotencyKey: $key) { task { id status } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation SetTaskStatus($input: SetTaskStatusInput!, $key: String) {\n    setTaskStatus(input: $input, idempotencyKey: $key) { task { id status } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminSharingAgreements($after: String) {\n    sharingAgreements(first: 50, after: $after) {\n      edges { node { id reference title validFrom validUntil inForce\n        parties { organisationId signatoryName signatoryTitle signedOn } terms { category legalBasis secrecyProvision } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AdminSharingAgreements($after: String) {\n    sharingAgreements(first: 50, after: $after) {\n      edges { node { id reference title validFrom validUntil inForce\n        parties { organisationId signatoryName signatoryTitle signedOn } terms { category legalBasis secrecyProvision } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordSharingAgreement($input: RecordSharingAgreementInput!, $key: String) {\n    recordSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RecordSharingAgreement($input: RecordSharingAgreementInput!, $key: String) {\n    recordSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndSharingAgreement($input: EndSharingAgreementInput!, $key: String) {\n    endSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id validUntil } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation EndSharingAgreement($input: EndSharingAgreementInput!, $key: String) {\n    endSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id validUntil } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminApiClients($after: String) {\n    apiClients(first: 50, after: $after) {\n      edges { node { id clientId name scopes secretVersion createdAt revokedAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AdminApiClients($after: String) {\n    apiClients(first: 50, after: $after) {\n      edges { node { id clientId name scopes secretVersion createdAt revokedAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiClient($input: CreateApiClientInput!, $key: String) {\n    createApiClient(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation CreateApiClient($input: CreateApiClientInput!, $key: String) {\n    createApiClient(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateApiClientSecret($input: ApiClientInput!, $key: String) {\n    rotateApiClientSecret(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RotateApiClientSecret($input: ApiClientInput!, $key: String) {\n    rotateApiClientSecret(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiClient($input: ApiClientInput!, $key: String) {\n    revokeApiClient(input: $input, idempotencyKey: $key) { apiClient { id revokedAt } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RevokeApiClient($input: ApiClientInput!, $key: String) {\n    revokeApiClient(input: $input, idempotencyKey: $key) { apiClient { id revokedAt } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminIdentityProvider {\n    identityProvider { issuer clientId scopes roleClaim roleMapping { claimValue role } organisationId enabled updatedAt redirectUri loginUrl }\n  }\n"): (typeof documents)["\n  query AdminIdentityProvider {\n    identityProvider { issuer clientId scopes roleClaim roleMapping { claimValue role } organisationId enabled updatedAt redirectUri loginUrl }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveIdentityProvider($input: SaveIdentityProviderInput!, $key: String) {\n    saveIdentityProvider(input: $input, idempotencyKey: $key) { identityProvider { issuer } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation SaveIdentityProvider($input: SaveIdentityProviderInput!, $key: String) {\n    saveIdentityProvider(input: $input, idempotencyKey: $key) { identityProvider { issuer } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminNationalSharing {\n    nationalSharing { id reference signatory signedOn measures recordedBy recordedAt inForce pausedAt pausedBy }\n  }\n"): (typeof documents)["\n  query AdminNationalSharing {\n    nationalSharing { id reference signatory signedOn measures recordedBy recordedAt inForce pausedAt pausedBy }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordNationalSharing($input: RecordNationalSharingInput!, $key: String) {\n    recordNationalSharing(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RecordNationalSharing($input: RecordNationalSharingInput!, $key: String) {\n    recordNationalSharing(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseNationalSharing($key: String) {\n    pauseNationalSharing(idempotencyKey: $key) { agreement { id inForce } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation PauseNationalSharing($key: String) {\n    pauseNationalSharing(idempotencyKey: $key) { agreement { id inForce } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganisation($input: CreateOrganisationInput!, $key: String) {\n    createOrganisation(input: $input, idempotencyKey: $key) { organisation { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation CreateOrganisation($input: CreateOrganisationInput!, $key: String) {\n    createOrganisation(input: $input, idempotencyKey: $key) { organisation { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminSubjectRequests($after: String, $openOnly: Boolean!) {\n    dataSubjectRequests(first: 50, after: $after, openOnly: $openOnly) {\n      edges { node { id kind personId handledByOrganisationId receivedOn deadline extended extensionReason status outcome closedOn overdue } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AdminSubjectRequests($after: String, $openOnly: Boolean!) {\n    dataSubjectRequests(first: 50, after: $after, openOnly: $openOnly) {\n      edges { node { id kind personId handledByOrganisationId receivedOn deadline extended extensionReason status outcome closedOn overdue } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterDataSubjectRequest($input: RegisterDataSubjectRequestInput!, $key: String) {\n    registerDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation RegisterDataSubjectRequest($input: RegisterDataSubjectRequestInput!, $key: String) {\n    registerDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartDataSubjectRequest($input: DataSubjectRequestInput!, $key: String) {\n    startDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation StartDataSubjectRequest($input: DataSubjectRequestInput!, $key: String) {\n    startDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExtendDataSubjectRequest($input: ExtendDataSubjectRequestInput!, $key: String) {\n    extendDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id deadline } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation ExtendDataSubjectRequest($input: ExtendDataSubjectRequestInput!, $key: String) {\n    extendDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id deadline } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseDataSubjectRequest($input: CloseDataSubjectRequestInput!, $key: String) {\n    closeDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation CloseDataSubjectRequest($input: CloseDataSubjectRequestInput!, $key: String) {\n    closeDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($after: String) {\n    users(first: 50, after: $after) {\n      edges { node { id username displayName role organisationId status singleSignOn mfaEnrolled } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($after: String) {\n    users(first: 50, after: $after) {\n      edges { node { id username displayName role organisationId status singleSignOn mfaEnrolled } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!, $key: String) {\n    createUser(input: $input, idempotencyKey: $key) { user { id username } initialPassword errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!, $key: String) {\n    createUser(input: $input, idempotencyKey: $key) { user { id username } initialPassword errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRole($input: SetUserRoleInput!, $key: String) {\n    setUserRole(input: $input, idempotencyKey: $key) { user { id role } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation SetUserRole($input: SetUserRoleInput!, $key: String) {\n    setUserRole(input: $input, idempotencyKey: $key) { user { id role } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserStatus($input: SetUserStatusInput!, $key: String) {\n    setUserStatus(input: $input, idempotencyKey: $key) { user { id status } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation SetUserStatus($input: SetUserStatusInput!, $key: String) {\n    setUserStatus(input: $input, idempotencyKey: $key) { user { id status } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetUserMfa($input: ResetUserMfaInput!, $key: String) {\n    resetUserMfa(input: $input, idempotencyKey: $key) { user { id mfaEnrolled } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation ResetUserMfa($input: ResetUserMfaInput!, $key: String) {\n    resetUserMfa(input: $input, idempotencyKey: $key) { user { id mfaEnrolled } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrganisations { organisations(first: 100) { edges { node { id name kind active } } } }\n"): (typeof documents)["\n  query AdminOrganisations { organisations(first: 100) { edges { node { id name kind active } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NationalEffects($releaseId: Int) {\n    national {\n      releases { id periodFrom periodTo }\n      evaluation(releaseId: $releaseId) {\n        releaseId\n        cities {\n          cityId name kommunkod programmeStartedOn\n          shootings { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }\n          killedOrInjured { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }\n        }\n        shootings { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats\n                    eventStudy { eventTime effect lower upper } }\n        killedOrInjured { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats\n                          eventStudy { eventTime effect lower upper } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NationalEffects($releaseId: Int) {\n    national {\n      releases { id periodFrom periodTo }\n      evaluation(releaseId: $releaseId) {\n        releaseId\n        cities {\n          cityId name kommunkod programmeStartedOn\n          shootings { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }\n          killedOrInjured { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }\n        }\n        shootings { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats\n                    eventStudy { eventTime effect lower upper } }\n        killedOrInjured { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats\n                          eventStudy { eventTime effect lower upper } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NationalReleases {\n    national {\n      releases {\n        id createdAt createdBy watermark periodFrom periodTo hash rows published\n        method { name k protection description }\n      }\n      dictionary { column meaning }\n    }\n  }\n"): (typeof documents)["\n  query NationalReleases {\n    national {\n      releases {\n        id createdAt createdBy watermark periodFrom periodTo hash rows published\n        method { name k protection description }\n      }\n      dictionary { column meaning }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateNationalRelease($input: CreateReleaseInput, $key: String) {\n    createRelease(input: $input, idempotencyKey: $key) {\n      job { id status releaseId error requestedAt requestedBy }\n      errors { field code message }\n      replayed\n    }\n  }\n"): (typeof documents)["\n  mutation CreateNationalRelease($input: CreateReleaseInput, $key: String) {\n    createRelease(input: $input, idempotencyKey: $key) {\n      job { id status releaseId error requestedAt requestedBy }\n      errors { field code message }\n      replayed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishNationalRelease($id: Int!, $withdraw: Boolean!) {\n    publishRelease(id: $id, withdraw: $withdraw) { release { id published } errors { field code message } }\n  }\n"): (typeof documents)["\n  mutation PublishNationalRelease($id: Int!, $withdraw: Boolean!) {\n    publishRelease(id: $id, withdraw: $withdraw) { release { id published } errors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NationalReleaseJob($id: ID!) { national { releaseJob(id: $id) { id status releaseId error requestedAt requestedBy } } }\n"): (typeof documents)["\n  query NationalReleaseJob($id: ID!) { national { releaseJob(id: $id) { id status releaseId error requestedAt requestedBy } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NationalReleaseList { national { releases { id periodFrom periodTo } } }\n"): (typeof documents)["\n  query NationalReleaseList { national { releases { id periodFrom periodTo } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NationalReport($measures: [String!], $from: String, $to: String, $per: ReportPeriod!, $releaseId: Int) {\n    national {\n      report(measures: $measures, from: $from, to: $to, per: $per, releaseId: $releaseId) {\n        releaseId per measures\n        cities { id name kommunkod population programmeStartedOn contextEvents { kind startedOn endedOn } }\n        rows { cityId city kommunkod period values { measure value flag ratePer100k } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NationalReport($measures: [String!], $from: String, $to: String, $per: ReportPeriod!, $releaseId: Int) {\n    national {\n      report(measures: $measures, from: $from, to: $to, per: $per, releaseId: $releaseId) {\n        releaseId per measures\n        cities { id name kommunkod population programmeStartedOn contextEvents { kind startedOn endedOn } }\n        rows { cityId city kommunkod period values { measure value flag ratePer100k } }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;