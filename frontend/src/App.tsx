import { lazy, Suspense, useMemo, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Center, Loader } from "@mantine/core";
import { Provider as UrqlProvider } from "urql";
import { AuthProvider, useAuth } from "./auth";
import { PurposeProvider } from "./purpose";
import { makeClient } from "./lib/graphql";
import { Shell } from "./components/Shell";
import { SignIn } from "./screens/SignIn";
import { NotAllowed, NotFound } from "./components/States";

// Every screen but sign-in is its own chunk: the first load carries only the shell.
const Dashboard = lazy(() => import("./screens/Dashboard"));
const Review = lazy(() => import("./screens/Review"));
const Incidents = lazy(() => import("./screens/Incidents"));
const IncidentPage = lazy(() => import("./screens/IncidentPage"));
const Groups = lazy(() => import("./screens/Groups"));
const GroupPage = lazy(() => import("./screens/GroupPage"));
const Network = lazy(() => import("./screens/Network"));
const People = lazy(() => import("./screens/People"));
const PersonPage = lazy(() => import("./screens/PersonPage"));
const Tasks = lazy(() => import("./screens/Tasks"));
const CallIns = lazy(() => import("./screens/CallIns"));
const CallInPage = lazy(() => import("./screens/CallInPage"));
const Support = lazy(() => import("./screens/Support"));
const Outreach = lazy(() => import("./screens/Outreach"));
const Audit = lazy(() => import("./screens/Audit"));
const Admin = lazy(() => import("./screens/Admin"));
const Notifications = lazy(() => import("./screens/Notifications"));
const Enforcement = lazy(() => import("./screens/Enforcement"));
const National = lazy(() => import("./screens/national/Report"));
const NationalReleases = lazy(() => import("./screens/national/Releases"));
const NationalEffects = lazy(() => import("./screens/national/Effects"));

interface Screen {
  path: string;
  element: ReactNode;
  category: string;
}

export const SCREENS: Screen[] = [
  { path: "/", element: <Dashboard />, category: "figures" },
  { path: "/review", element: <Review />, category: "incidents" },
  { path: "/incidents", element: <Incidents />, category: "incidents" },
  { path: "/incidents/:id", element: <IncidentPage />, category: "incidents" },
  { path: "/groups", element: <Groups />, category: "groups" },
  { path: "/groups/:id", element: <GroupPage />, category: "groups" },
  { path: "/network", element: <Network />, category: "groups" },
  { path: "/people", element: <People />, category: "people" },
  { path: "/people/:id", element: <PersonPage />, category: "people" },
  { path: "/tasks", element: <Tasks />, category: "tasks" },
  { path: "/call-ins", element: <CallIns />, category: "callins" },
  { path: "/call-ins/:id", element: <CallInPage />, category: "callins" },
  { path: "/support", element: <Support />, category: "support" },
  { path: "/outreach", element: <Outreach />, category: "outreach" },
  { path: "/audit", element: <Audit />, category: "audit" },
  { path: "/admin", element: <Admin />, category: "administration" },
  { path: "/notifications", element: <Notifications />, category: "notifications" },
  { path: "/enforcement", element: <Enforcement />, category: "enforcement" },
  { path: "/national/releases", element: <NationalReleases />, category: "releases" },
  { path: "/national/effects", element: <NationalEffects />, category: "releases" },
];

function Loading() {
  return (
    <Center h="50vh">
      <Loader role="status" aria-label="…" />
    </Center>
  );
}

/** Routes of a signed-in user; a screen whose category the role cannot read says so instead of failing. */
function SignedIn() {
  const { me, loading, can } = useAuth();
  const location = useLocation();
  // A fresh client per subject: nothing cached for one user is ever shown to the next.
  const client = useMemo(() => makeClient(), [me?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  if (loading) return <Loading />;
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <UrqlProvider value={client}>
      <PurposeProvider>
        <Shell>
          <Suspense fallback={<Loading />}>
            <Routes>
              {me.kind === "national_user" && <Route path="/" element={<National />} />}
              {SCREENS.filter((s) => !(me.kind === "national_user" && s.path === "/")).map((s) => (
                <Route key={s.path} path={s.path} element={can(s.category) ? s.element : <NotAllowed />} />
              ))}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </Shell>
      </PurposeProvider>
    </UrqlProvider>
  );
}

export function App() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route path="*" element={<SignedIn />} />
      </Routes>
    </AuthProvider>
  );
}
