/**
 * What the submit will cost (costPerUnit × units × tasks, in the type's currency) next to what is
 * left of the budget (from the mirror's stats). When the estimate is more than what is left, the
 * form turns Submit off and this says why (`reasonId` describes the button): the server would only
 * answer 402. A 402 that comes back anyway (the budget changed meanwhile) shows here too.
 */
import { useLocale, useT } from '../../i18n/localeStore';
import { formatMoney } from '../../lib/format';
import type { BudgetCheck, CostEstimate as Estimate } from '../../lib/paramForm';
import type { Refusal } from '../../lib/submitRefusal';

interface CostEstimateProps {
  cost: Estimate;
  /** tasks in this submit (batch lines) */
  count: number;
  budget: BudgetCheck;
  batch: boolean;
  /** id of the line saying why Submit is off */
  reasonId: string;
  /** the server's 402, when it refused this submit for the budget */
  refusal: Refusal | null;
}

export function CostEstimate({ cost, count, budget, batch, reasonId, refusal }: CostEstimateProps) {
  const t = useT();
  const locale = useLocale();
  const money = (amount: number, currency = cost.currency) => formatMoney(amount, currency, locale);
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
      {budget.left !== null && <p className="submit-cost-line muted small">{t('submit.budgetLeft', { amount: money(budget.left, budget.currency) })}</p>}
      <div aria-live="polite">
        {budget.short && (
          <p id={reasonId} className="notice notice-warn small">
            {t('submit.overBudget', { amount: money(cost.total), left: money(budget.left ?? 0, budget.currency) })}
          </p>
        )}
        {refusal && !budget.short && (
          <p className="notice notice-error small">{t('submit.refusedBudget', { message: refusal.message })}</p>
        )}
      </div>
    </div>
  );
}
