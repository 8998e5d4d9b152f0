import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { can, fetchMe, logout as apiLogout, setOnExpired, type Me } from "./lib/api";

interface AuthState {
  me: Me | null;
  loading: boolean;
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
  can: (category: string, action?: "read" | "write") => boolean;
  expired: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();

  const refresh = useCallback(async () => {
    const who = await fetchMe().catch(() => null);
    setMe(who);
    setLoading(false);
    if (who) setExpired(false);
    return who;
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A 401 from any request: back to sign-in, remembering the page to return to.
  useEffect(() => {
    setOnExpired(() => {
      setMe(null);
      setExpired(true);
      const here = window.location.pathname + window.location.search;
      if (!here.startsWith("/sign-in")) navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
    });
  }, [navigate]);

  const signOut = useCallback(async () => {
    await apiLogout().catch(() => undefined);
    setMe(null);
    sessionStorage.clear();
    navigate("/sign-in", { replace: true });
  }, [navigate]);

  const value = useMemo<AuthState>(
    () => ({ me, loading, refresh, signOut, expired, can: (c, a = "read") => can(me, c, a) }),
    [me, loading, refresh, signOut, expired],
  );
  void location;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}
