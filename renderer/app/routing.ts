// The router's one home (STYLE.md 10): screens import navigation from here, never react-router.
export {
  createHashRouter,
  RouterProvider,
  Outlet,
  NavLink,
  Link,
  useNavigate,
  useParams,
  useSearchParams,
  useLocation,
  type RouteObject,
} from 'react-router';
