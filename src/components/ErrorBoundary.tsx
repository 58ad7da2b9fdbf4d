/**
 * An error boundary per region: a crash in the details panel leaves the list, the form and the
 * stats working, and offers to try the region again.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { currentTranslator } from '../i18n/localeStore';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** what the region is, for the message and the console */
  region: string;
}

interface ErrorBoundaryState {
  error: Error | null;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`[${this.props.region}] crashed`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const t = currentTranslator();
    return (
      <div className="region-error" role="alert">
        <p>{t('error.boundary', { message: error.message })}</p>
        <button type="button" className="btn btn-small" onClick={() => this.setState({ error: null })}>
          {t('error.tryAgain')}
        </button>
      </div>
    );
  }
}
