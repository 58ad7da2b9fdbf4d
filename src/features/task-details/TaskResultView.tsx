/**
 * What a succeeded task produced: an image preview with a download link, or the text in a
 * scrollable block with a download built from a Blob (its object URL is revoked on unmount).
 * A 409 ("not ready yet", a poll ahead of the server) shows nothing; other failures say so.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { toApiError } from '../../api/errors';
import type { Task, TaskResult } from '../../api/schemas';
import { describeError } from '../../i18n/describeError';
import { useLocale, useT } from '../../i18n/localeStore';
import { useSyncEngine } from '../../sync/hooks';
import { taskResultQuery } from '../../sync/queries';
import { resultFileName, safeResultUrl } from './resultFiles';
import './TaskResultView.css';

export function TaskResultView({ task }: { task: Task }) {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const headingId = useId();
  const result = useQuery(taskResultQuery(engine.client, task.id));

  if (result.error && !result.data && toApiError(result.error).status === 409) return null;
  return (
    <section className="td-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('details.result')}</h3>
      {result.data ? (
        result.data.kind === 'image' ? (
          <ImageResult task={task} result={result.data} />
        ) : (
          <TextResult task={task} result={result.data} />
        )
      ) : result.error ? (
        <p className="notice notice-error">{describeError(result.error, t, locale)}</p>
      ) : (
        <p className="muted">{t('details.resultLoading')}</p>
      )}
    </section>
  );
}

function ImageResult({ task, result }: { task: Task; result: TaskResult }) {
  const t = useT();
  const url = safeResultUrl(result.url);
  if (!url) return null;
  return (
    <figure className="td-result-figure">
      <img className="td-result-image" src={url} alt={task.title} />
      <figcaption>
        <a className="btn btn-small" href={url} download={resultFileName(task, result)}>
          {t('details.download')}
        </a>
      </figcaption>
    </figure>
  );
}

function TextResult({ task, result }: { task: Task; result: TaskResult }) {
  const t = useT();
  const text = result.text ?? '';
  const link = useRef<HTMLAnchorElement>(null);

  // The object URL is a browser resource, not React state: set on the link, revoked on cleanup.
  useEffect(() => {
    const element = link.current;
    if (!element) return;
    const objectUrl = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    element.href = objectUrl;
    return () => {
      URL.revokeObjectURL(objectUrl);
      element.removeAttribute('href');
    };
  }, [text]);

  return (
    <>
      <pre className="td-result-text" tabIndex={0} aria-label={t('details.resultText')}>
        {text}
      </pre>
      <a ref={link} className="btn btn-small" download={resultFileName(task, result)}>
        {t('details.download')}
      </a>
    </>
  );
}
