import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { AuthProvider, homeOf, useAuth } from "./auth/AuthContext";
import { AppLayout } from "./layout/AppLayout";
import { LoginPage } from "./pages/LoginPage";
import { OwnEventsPage } from "./pages/mine/OwnEventsPage";
import { ReportPage } from "./pages/report/ReportPage";
import { StatusPage } from "./pages/StatusPage";

/** The duty desk and the event page load on demand, outside the grid worker's initial bundle. */
const DeskPage = lazy(() => import("./pages/desk/DeskPage").then((module) => ({ default: module.DeskPage })));
const EventPage = lazy(() => import("./pages/event/EventPage").then((module) => ({ default: module.EventPage })));
const InboxPage = lazy(() => import("./pages/desk/InboxPage").then((module) => ({ default: module.InboxPage })));
const OversightPage = lazy(() =>
  import("./pages/oversight/OversightPage").then((module) => ({ default: module.OversightPage })),
);
const AuditLogPage = lazy(() =>
  import("./pages/oversight/AuditLogPage").then((module) => ({ default: module.AuditLogPage })),
);
const MapPage = lazy(() => import("./pages/map/MapPage").then((module) => ({ default: module.MapPage })));
const InspectionTasksPage = lazy(() =>
  import("./pages/inspections/InspectionTasksPage").then((module) => ({ default: module.InspectionTasksPage })),
);
const InspectionTaskPage = lazy(() =>
  import("./pages/inspections/InspectionTaskPage").then((module) => ({ default: module.InspectionTaskPage })),
);
const PlansPage = lazy(() => import("./pages/inspections/PlansPage").then((module) => ({ default: module.PlansPage })));
const MeetingsPage = lazy(() =>
  import("./pages/inspections/MeetingsPage").then((module) => ({ default: module.MeetingsPage })),
);
const InstitutionRiskPage = lazy(() =>
  import("./pages/inspections/InstitutionRiskPage").then((module) => ({ default: module.InstitutionRiskPage })),
);
const loadingPage = <main id="main" className="page" aria-busy="true" />;

/** Pages that need a signed-in user send everyone else to the sign-in page. */
function SignedIn({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  if (me === undefined) return <main id="main" className="page" aria-busy="true" />;
  return me ? children : <Navigate to="/login" replace />;
}

function Home() {
  const { me } = useAuth();
  if (me === undefined) return <main id="main" className="page" aria-busy="true" />;
  return <Navigate to={me ? homeOf(me.role) : "/login"} replace />;
}

/** The application: routes inside the shell. */
export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<AppLayout />}>
            <Route index element={<Home />} />
            <Route path="login" element={<LoginPage />} />
            <Route path="status" element={<StatusPage />} />
            <Route
              path="report"
              element={
                <SignedIn>
                  <ReportPage />
                </SignedIn>
              }
            />
            <Route
              path="mine"
              element={
                <SignedIn>
                  <OwnEventsPage list="reports" />
                </SignedIn>
              }
            />
            <Route
              path="visits"
              element={
                <SignedIn>
                  <OwnEventsPage list="visits" />
                </SignedIn>
              }
            />
            <Route
              path="desk"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <DeskPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="inbox"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <InboxPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="events/:id"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <EventPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="oversight"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <OversightPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="audit"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <AuditLogPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="map"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <MapPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="tasks"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <InspectionTasksPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="tasks/:id"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <InspectionTaskPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="plans"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <PlansPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="meetings"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <MeetingsPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="institutions/:id"
              element={
                <SignedIn>
                  <Suspense fallback={loadingPage}>
                    <InstitutionRiskPage />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route path="*" element={<Home />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}
