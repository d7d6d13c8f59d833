import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../i18n/t';

/**
 * The last line of defence: an unexpected error shows a plain message and a way back, never a
 * stack trace at the counter. Saved work is safe: every save is one transaction.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Counter: unexpected error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <FailedScreen />;
  }
}

export function FailedScreen() {
  return (
    <main>
      <section className="panel" role="alert">
        <p className="lead">{t('error.unexpected')}</p>
        <button
          type="button"
          className="primary"
          onClick={() => {
            window.location.reload();
          }}
        >
          {t('error.reload')}
        </button>
      </section>
    </main>
  );
}
