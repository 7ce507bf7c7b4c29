import type { ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { AuthProvider, homeOf, useAuth } from "./auth/AuthContext";
import { AppLayout } from "./layout/AppLayout";
import { ComingSoonPage } from "./pages/ComingSoonPage";
import { LoginPage } from "./pages/LoginPage";
import { StatusPage } from "./pages/StatusPage";

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
                  <ComingSoonPage title="nav.report" />
                </SignedIn>
              }
            />
            <Route
              path="mine"
              element={
                <SignedIn>
                  <ComingSoonPage title="nav.mine" />
                </SignedIn>
              }
            />
            <Route
              path="desk"
              element={
                <SignedIn>
                  <ComingSoonPage title="nav.desk" />
                </SignedIn>
              }
            />
            <Route
              path="inbox"
              element={
                <SignedIn>
                  <ComingSoonPage title="nav.inbox" />
                </SignedIn>
              }
            />
            <Route
              path="events/:id"
              element={
                <SignedIn>
                  <ComingSoonPage title="nav.event" />
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
