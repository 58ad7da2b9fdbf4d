/**
 * "Cancel this task?" before a running task is stopped: how far it got (running it again starts
 * from the first stage) and what it has cost so far (not refunded), per task and in total for a
 * bulk cancel. Titles are user text, rendered as text.
 */
import type { Task } from '../api/schemas';
import { useLocale, useT } from '../i18n/localeStore';
import { cancelImpact } from '../lib/cancelImpact';
import { formatMoney, formatPercent } from '../lib/format';
import { ConfirmDialog } from './ConfirmDialog';

const LISTED = 5;

interface CancelTaskConfirmProps {
  tasks: readonly Task[];
  onConfirm: () => void;
  onCancel: () => void;
}

export function CancelTaskConfirm({ tasks, onConfirm, onCancel }: CancelTaskConfirmProps) {
  const t = useT();
  const locale = useLocale();
  const impacts = tasks.map(cancelImpact);
  const losing = impacts.filter((impact) => impact.losesWork);
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const [single] = impacts;
  const currency = single?.currency ?? 'USD';
  const sameCurrency = impacts.every((impact) => impact.currency === currency);
  const spent = impacts.reduce((sum, impact) => sum + impact.spent, 0);

  return (
    <ConfirmDialog
      title={impacts.length === 1 && single ? t('cancel.confirmTitle', { title: single.title }) : t('cancel.confirmTitleMany', { count: impacts.length })}
      confirmLabel={t('cancel.confirm', { count: impacts.length })}
      cancelLabel={t('cancel.keep', { count: impacts.length })}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {impacts.length === 1 && single ? (
        <p>{t('cancel.lossOne', { percent: formatPercent(single.progress, locale), spent: money(single.spent, single.currency) })}</p>
      ) : (
        <>
          <p>{t('cancel.lossMany', { count: losing.length })}</p>
          <ul>
            {losing.slice(0, LISTED).map((impact) => (
              <li key={impact.id}>
                {t('cancel.lossItem', { title: impact.title, percent: formatPercent(impact.progress, locale), spent: money(impact.spent, impact.currency) })}
              </li>
            ))}
            {losing.length > LISTED && <li>{t('cancel.lossMore', { count: losing.length - LISTED })}</li>}
          </ul>
          {sameCurrency && <p>{t('cancel.lossTotal', { spent: money(spent, currency) })}</p>}
        </>
      )}
    </ConfirmDialog>
  );
}
