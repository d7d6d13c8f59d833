import { useEffect, useState } from 'react';
import { PrintDocumentPage } from '../print';
import { HomeScreen } from '../screens/HomeScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { BackupScreen } from '../screens/BackupScreen';
import { ReportsScreen } from '../screens/ReportsScreen';
import { PartsScreen } from '../screens/parts/PartsScreen';
import { ReturnsScreen } from '../screens/parts/ReturnsScreen';
import { IntakeScreen } from '../screens/intake/IntakeScreen';
import { TicketScreen } from '../screens/tickets/TicketScreen';
import { TicketsScreen } from '../screens/tickets/TicketsScreen';
import { bootstrap } from './bootstrap';
import { ErrorBoundary, FailedScreen } from './ErrorScreen';
import { Layout } from './Layout';
import { createHashRouter, RouterProvider, type RouteObject } from './routing';
import { ServicesProvider, type Services } from './services';
import { t } from '../i18n/t';

// Hash routes: the same build works from the shell's app:// protocol and any static server.
const routes: RouteObject[] = [
  // A document alone on the page, without the app around it: for printing and page.pdf().
  { path: '/print/:kind/:ticketId', element: <PrintDocumentPage /> },
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <HomeScreen /> },
      { path: 'intake', element: <IntakeScreen /> },
      { path: 'tickets', element: <TicketsScreen /> },
      { path: 'tickets/:id', element: <TicketScreen /> },
      { path: 'settings', element: <SettingsScreen /> },
      { path: 'parts', element: <PartsScreen /> },
      { path: 'returns', element: <ReturnsScreen /> },
      { path: 'reports', element: <ReportsScreen /> },
      { path: 'backup', element: <BackupScreen /> },
    ],
  },
];

const router = createHashRouter(routes);

export function App() {
  const [services, setServices] = useState<Services | 'failed' | null>(null);
  useEffect(() => {
    bootstrap().then(setServices, (e: unknown) => {
      console.error('Counter: start-up failed', e);
      setServices('failed');
    });
  }, []);

  if (services === 'failed') return <FailedScreen />;
  if (services === null) return <p className="muted">{t('loading')}</p>;
  return (
    <ErrorBoundary>
      <ServicesProvider services={services}>
        <RouterProvider router={router} />
      </ServicesProvider>
    </ErrorBoundary>
  );
}
