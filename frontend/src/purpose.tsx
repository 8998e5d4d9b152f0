import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { withPurpose } from "./lib/graphql";

const KEY = "gvi.purpose";

interface PurposeState {
  purpose: string | null;
  setPurpose: (p: string | null) => void;
}

const PurposeContext = createContext<PurposeState>({ purpose: null, setPurpose: () => {} });

/** The purpose the user stated for reading person data; kept for the browser tab only. */
export function PurposeProvider({ children }: { children: ReactNode }) {
  const [purpose, set] = useState<string | null>(() => sessionStorage.getItem(KEY));
  const value = useMemo(
    () => ({
      purpose,
      setPurpose: (p: string | null) => {
        if (p) sessionStorage.setItem(KEY, p);
        else sessionStorage.removeItem(KEY);
        set(p);
      },
    }),
    [purpose],
  );
  return <PurposeContext.Provider value={value}>{children}</PurposeContext.Provider>;
}

export const usePurpose = () => useContext(PurposeContext);

/** urql context sending the purpose header (memoised: a new object would refetch on every render). */
export function usePurposeContext() {
  const { purpose } = usePurpose();
  return useMemo(() => withPurpose(purpose), [purpose]);
}
