/**
 * What a succeeded task produced (`GET /tasks/{id}/result`), generated from the task itself so
 * nothing needs storing: images are small SVG pictures (the user's prompt escaped into them),
 * texts and analysis reports are written from the prompt and params, and a video answers with
 * its poster frame. The same task always gives the same result.
 */
import type { Task, TaskResult } from '../../src/api/schemas';
import { findTaskKind, resolveParams } from './catalog';
import { hashString, Random } from './random';

export function buildResult(task: Task): TaskResult {
  const kind = findTaskKind(task.type);
  const params = kind ? resolveParams(kind, task.params) : task.params;
  const random = new Random(hashString(task.id));
  switch (task.type) {
    case 'image':
      return imageResult(task, params, random);
    case 'video':
      return posterResult(task, params, random);
    case 'analysis':
      return analysisResult(params, random);
    default:
      return textResult(params, random);
  }
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value : fallback);
const number = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

function svgPicture(width: number, height: number, caption: string, random: Random): string {
  const hue = random.int(0, 359);
  const shapes = Array.from({ length: 7 }, () => {
    const r = Math.round(random.between(0.05, 0.22) * width);
    const fill = `hsl(${(hue + random.int(20, 160)) % 360} 70% ${random.int(45, 75)}%)`;
    return `<circle cx="${random.int(0, width)}" cy="${random.int(0, height)}" r="${r}" fill="${fill}" fill-opacity="0.55"/>`;
  }).join('');
  const short = caption.length > 60 ? `${caption.slice(0, 59)}…` : caption;
  const size = Math.round(width / 28);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 65% 30%)"/>` +
    `<stop offset="1" stop-color="hsl(${(hue + 60) % 360} 70% 55%)"/></linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"/>${shapes}` +
    `<text x="50%" y="92%" text-anchor="middle" font-family="system-ui, sans-serif" font-size="${size}" fill="#fff">${escapeXml(short)}</text></svg>`
  );
}

function imageResult(task: Task, params: Record<string, unknown>, random: Random): TaskResult {
  const [width = 1024, height = 1024] = text(params.size, '1024x1024').split('x').map(Number);
  const svg = svgPicture(width, height, text(params.prompt, task.title), random);
  return {
    kind: 'image',
    url: `data:image/svg+xml,${encodeURIComponent(svg)}`,
    meta: {
      width,
      height,
      format: 'svg',
      images: number(params.count, 1),
      hd: params.hd === true,
      seed: random.int(1, 2 ** 31 - 1),
      sampler: 'DPM++ 2M',
      steps: params.hd === true ? 50 : 30,
      bytes: svg.length,
    },
  };
}

function posterResult(task: Task, params: Record<string, unknown>, random: Random): TaskResult {
  const resolution = text(params.resolution, '720p');
  const height = Number.parseInt(resolution, 10) || 720;
  const width = Math.round((height * 16) / 9);
  const svg = svgPicture(width, height, text(params.prompt, task.title), random);
  const durationSec = number(params.durationSec, 8);
  const fps = Number(text(params.fps, '24'));
  return {
    kind: 'image',
    url: `data:image/svg+xml,${encodeURIComponent(svg)}`,
    meta: {
      poster: true,
      width,
      height,
      durationSec,
      fps,
      frames: Math.round(durationSec * fps),
      codec: 'h264',
      videoBytes: Math.round(durationSec * random.between(1.2, 2.4) * 1_000_000),
    },
  };
}

const CJK = /[\u3400-\u9fff]/;

function textResult(params: Record<string, unknown>, random: Random): TaskResult {
  const prompt = text(params.prompt, 'your request');
  const topic = prompt.length > 80 ? `${prompt.slice(0, 79)}…` : prompt;
  const body = CJK.test(prompt)
    ? [
        `关于「${topic}」，以下是整理后的要点：`,
        '一、背景与目标已经明确，关键信息保持原意，表述更加简洁。',
        '二、按重要程度排列了三条建议，每条都附有可执行的下一步。',
        '三、需要人工确认的地方已用【待确认】标出。',
      ]
    : [
        `Here is a draft for "${topic}".`,
        'It opens with the main point in one sentence, then gives the three details a reader needs most, in order of importance.',
        'Each paragraph stays under sixty words, and anything that needs a human check is marked [confirm].',
        'A short closing line invites the reader to the next step.',
      ];
  const tokens = Math.min(number(params.maxTokens, 1000), random.int(180, 900));
  return {
    kind: 'text',
    text: body.join('\n\n'),
    meta: { model: text(params.model, 'balanced-m'), tokens, finishReason: tokens >= number(params.maxTokens, 1000) ? 'length' : 'stop' },
  };
}

function analysisResult(params: Record<string, unknown>, random: Random): TaskResult {
  const rows = number(params.rows, 100_000);
  const method = text(params.method, 'descriptive');
  const dataset = text(params.dataset, 'dataset');
  const columns = random.int(8, 32);
  const missing = random.between(0.1, 4.5).toFixed(1);
  const r2 = random.between(0.55, 0.93).toFixed(2);
  const clusters = random.int(3, 7);
  const anomalies = Math.round(rows * random.between(0.001, 0.01));
  const finding: Record<string, string> = {
    descriptive: `Revenue per order is right-skewed (median ${random.int(38, 90)}, mean ${random.int(95, 160)}).`,
    regression: `The model explains R² = ${r2} of the variance; discount depth is the strongest driver.`,
    clustering: `${clusters} clusters found; the largest holds ${random.int(28, 46)}% of rows.`,
    anomaly: `${anomalies.toLocaleString('en-US')} rows flagged as anomalies, most of them on weekends.`,
  };
  const report = [
    `# Analysis of ${dataset}`,
    `${rows.toLocaleString('en-US')} rows, ${columns} columns, ${missing}% missing values.`,
    `## Method: ${method}`,
    finding[method] ?? finding.descriptive,
    '## Next steps',
    '- Check the flagged columns with the data owner.\n- Re-run monthly to track drift.',
  ].join('\n\n');
  return { kind: 'text', text: report, meta: { rows, columns, method, missingPercent: Number(missing), format: 'markdown' } };
}
