/**
 * A region of the page: its own error boundary (a crash shows a message there, the rest keeps
 * working) and its own Suspense boundary for code that loads on demand.
 */
import { Suspense, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';

export function Region({ name, children }: { name: string; children: ReactNode }) {
  return (
    <ErrorBoundary region={name}>
      <Suspense fallback={null}>{children}</Suspense>
    </ErrorBoundary>
  );
}
