/**
 * Words for seeded tasks: human titles (some in Chinese, as the app's users write them) and
 * plausible params per task type, so a seeded list looks like someone's real week of work.
 */
import type { Random } from './random';

export interface TaskIdea {
  title: string;
  params: Record<string, unknown>;
}

const IMAGE: readonly [string, string][] = [
  ['产品海报 · 春季系列', 'Spring product poster, pastel flowers around a white sneaker, soft daylight'],
  ['Blog header — autumn forest', 'Wide shot of an autumn forest at dawn, mist, warm orange light'],
  ['App icon variations', 'Minimal app icon, a paper plane folded from a task list, flat, blue gradient'],
  ['Banner A/B · variant B', 'Hero banner for a summer sale, beach towels, bold typography space on the left'],
  ['团队合影风格化', 'Team photo restyled as a watercolour illustration, friendly, bright'],
  ['Newsletter illustration <March>', 'Isometric office with plants and a big calendar, "March" on the wall'],
  ['Wallpaper set · 4K', 'Abstract flowing gradients in teal and coral, calm, high detail'],
];

const TEXT: readonly [string, string][] = [
  ['Release notes draft v2.3', 'Write release notes for version 2.3: batch cancel, faster search, dark mode fixes'],
  ['客服对话摘要 · 三月', '总结三月份的客服对话，列出最常见的五个问题和建议的改进'],
  ['Translate onboarding emails to German', 'Translate the three onboarding emails into friendly, formal German'],
  ['Incident summary for the status page', 'Summarise the 14:02 API incident for customers: impact, cause, fix, next steps'],
  ['Product FAQ rewrite', 'Rewrite the billing FAQ in plain language, max 80 words per answer'],
  ['周报 · 增长团队', '根据以下要点写一份增长团队周报：注册转化提升 3%，新渠道测试，下周计划'],
];

const ANALYSIS: readonly [string, string][] = [
  ['Churn drivers — Q1 cohort', 's3://analytics/cohorts/2026-q1.parquet'],
  ['销售数据分析 · 华东区', 's3://sales/east-china/2026-03.csv'],
  ['Weekly KPI anomaly scan', 'warehouse://kpi/daily_metrics'],
  ['A/B test readout — checkout flow', 'warehouse://experiments/checkout_v7'],
  ['Support ticket topics', 's3://support/tickets-2026-02.jsonl'],
];

const VIDEO: readonly [string, string][] = [
  ['Launch teaser 8s', 'Fast cuts of the product on a turntable, light sweeps, ends on the logo'],
  ['品牌片头 · Logo 动效', 'The logo assembles from floating paper shapes, soft shadows, white background'],
  ['Product walkthrough 30s', 'Screen recording style walkthrough of creating and tracking a task'],
  ['Tutorial intro · 720p', 'Friendly animated intro with the title "Getting started", upbeat'],
  ['Social clip — behind the scenes', 'Handheld style clip of a design team sketching ideas on a whiteboard'],
];

export const IDEAS_BY_TYPE: Record<string, readonly [string, string][]> = {
  image: IMAGE,
  text: TEXT,
  analysis: ANALYSIS,
  video: VIDEO,
};

/** A random title and valid params for a task of `type`. */
export function randomIdea(type: string, random: Random): TaskIdea {
  const [title, subject] = random.pick(IDEAS_BY_TYPE[type] ?? TEXT);
  return { title, params: paramsFor(type, subject, random) };
}

/** Valid params of `type` around `subject` (the prompt, or the dataset of an analysis). */
export function paramsFor(type: string, subject: string, random: Random): Record<string, unknown> {
  switch (type) {
    case 'image':
      return {
        prompt: subject,
        size: random.pick(['512x512', '768x768', '1024x1024']),
        count: random.pick([1, 1, 2, 4]),
        hd: random.chance(0.3),
      };
    case 'analysis':
      return {
        dataset: subject,
        rows: random.pick([25_000, 120_000, 480_000, 2_000_000]),
        method: random.pick(['descriptive', 'regression', 'clustering', 'anomaly']),
      };
    case 'video':
      return {
        prompt: subject,
        durationSec: random.pick([4, 6, 8, 12]),
        resolution: random.pick(['480p', '720p', '1080p']),
        fps: random.pick(['24', '30']),
      };
    default:
      return { prompt: subject, model: random.pick(['swift-s', 'balanced-m', 'deep-l']), maxTokens: random.pick([500, 1000, 2000]) };
  }
}
