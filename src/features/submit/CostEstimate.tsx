/**
 * What the submit will cost (costPerUnit × units × tasks, in the type's currency) next to what is
 * left of the budget (from the mirror's stats). Going past the budget is a warning, not a block:
 * the server decides and answers 402, and the outbox shows that answer.
 */
import type { TaskType } from '../../api/schemas';
import { useLocale, useT } from '../../i18n/localeStore';
import { formatMoney } from '../../lib/format';
import { estimateCost } from '../../lib/paramForm';
import { useTaskMirror } from '../../sync/hooks';

interface CostEstimateProps {
  type: TaskType;
  params: Readonly<Record<string, unknown>>;
  /** tasks in this submit (batch lines), 1 otherwise */
  count: number;
  batch: boolean;
}

export function CostEstimate({ type, params, count, batch }: CostEstimateProps) {
  const t = useT();
  const locale = useLocale();
  const budget = useTaskMirror().data?.stats?.cost;
  const cost = estimateCost(type, params, count);
  const money = (amount: number) => formatMoney(amount, cost.currency, locale);

  const left = budget && budget.budget !== null ? Math.max(0, budget.budget - budget.total) : null;
  // Amounts in different currencies cannot be compared; the server still checks.
  const over = left !== null && budget?.currency === cost.currency && cost.total > left + 1e-9;

  return (
    <div className="submit-cost">
      <p className="submit-cost-line">
        <span className="muted">{t('submit.cost')}: </span>
        {batch ? (
          <>
            <span>{t('submit.batchCount', { count })}</span>
            {' · '}
            <span>{t('submit.costBatch', { each: money(cost.each), total: money(cost.total) })}</span>
          </>
        ) : (
          <span>{money(cost.total)}</span>
        )}
      </p>
      {left !== null && budget && (
        <p className="submit-cost-line muted small">{t('submit.budgetLeft', { amount: formatMoney(left, budget.currency, locale) })}</p>
      )}
      <div aria-live="polite">{over && <p className="notice notice-warn small">{t('submit.overBudget')}</p>}</div>
    </div>
  );
}
