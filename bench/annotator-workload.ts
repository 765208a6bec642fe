/**
 * The workload of `npm run bench:annotator`, generated deterministically from a seed: a long
 * news-like article in paragraphs (with some emoji and CJK) and a dense set of annotation spans
 * on word boundaries, many of them overlapping, nested or duplicated.
 */
import { anchorSpan } from '../lib/annotations/offsets.ts';
import { normalizeArticleText } from '../lib/articles/normalize.ts';
import { prng } from '../lib/random/seeded.ts';

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const int = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

/** A word that occurs once in the article, in its second paragraph, and that no span covers: the bench selects it. */
export const RESERVED_WORD = 'Kestrelmouth';

const PEOPLE = [
  'Mayor Ingrid Halvorsen',
  'Councillor Tomás Ferreira',
  'Dr. Amara Okonkwo',
  'Chief Inspector Lena Brandt',
  'Minister Kenji Watanabe',
  'Zoë Marchetti',
  'Nguyễn Thị Lan',
  'Rafael Domínguez',
  'Professor Helen Achterberg',
  'union leader Sipho Dlamini',
  'auditor Mei-Ling Chou',
  'spokesperson Jonas Lindqvist',
];
const ORGS = [
  'the harbour authority',
  'the regional water board',
  'Northgate Construction',
  'the transport ministry',
  'the city council',
  'the port workers’ union',
  'the national audit office',
  'Meridian Shipping',
  'the environmental agency',
  'the chamber of commerce',
  'the fisheries cooperative',
  'the hospital trust',
];
const PLACES = [
  'the old ferry terminal',
  'the eastern docks',
  'Riverside ward',
  'the industrial estate',
  'the coastal road',
  'the town hall',
  'the northern breakwater',
  'the container yard',
  'the fish market',
  'the railway bridge',
];
const TOPICS = [
  'the harbour expansion',
  'the dredging contract',
  'the flood barrier',
  'the new ferry line',
  'the budget overrun',
  'the leaked audit',
  'the wage agreement',
  'the pollution survey',
  'the housing plan',
  'the rail link',
];
const VERBS_SAID = ['said', 'told reporters', 'wrote in a statement', 'insisted', 'admitted', 'warned', 'argued', 'confirmed', 'claimed', 'acknowledged'];
const DAYS = [
  'on Monday',
  'on Tuesday',
  'late on Wednesday',
  'on Thursday morning',
  'on Friday',
  'over the weekend',
  'last month',
  'in March',
  'earlier this year',
  'in 2023',
];
const QUOTES = [
  'We will not sign anything before the audit is done',
  'The figures speak for themselves',
  'Nobody told us the costs had doubled',
  'This is the biggest investment the town has seen in a generation',
  'We were promised jobs, and we are still waiting',
  'The water quality has improved every single year',
  'I have seen no evidence of wrongdoing',
  'The contract was awarded according to the rules',
  'Residents deserve a straight answer',
  'We expect the first ships to dock before the summer',
];
const EMOJI_POSTS = [
  'Proud of our crew today 🚢👏',
  'Another delay… 😡 #harbour',
  'Water tests are back 💧✅',
  'See you at the town hall 🗳️',
  'Thank you to every volunteer ❤️🙏🏽',
  'Numbers up again 📈🤔',
];
const CJK = [
  'the Japanese partner 三菱商事 (Mitsubishi Corporation)',
  'a banner reading 「港を守れ」 (“protect the harbour”)',
  'the Chinese investor 中远海运 (COSCO Shipping)',
  'a delegation from 釜山항 (the port of Busan)',
  'the slogan 我们不会让步 (“we will not give in”)',
  'the brochure’s title, 未来の港 (“the harbour of the future”)',
];

const capitalised = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

function sentence(rand: Rand): string {
  return capitalised(clause(rand));
}

function clause(rand: Rand): string {
  const person = pick(rand, PEOPLE);
  const org = pick(rand, ORGS);
  const place = pick(rand, PLACES);
  const topic = pick(rand, TOPICS);
  const day = pick(rand, DAYS);
  const percent = int(rand, 2, 48);
  const millions = (rand() * 90 + 1).toFixed(1);
  switch (int(rand, 0, 11)) {
    case 0:
      return `“${pick(rand, QUOTES)},” ${person} ${pick(rand, VERBS_SAID)} ${day}.`;
    case 1:
      return `${org} said the cost of ${topic} had risen by ${percent} percent, to €${millions} million, according to documents seen by this newspaper.`;
    case 2:
      return `Residents near ${place} reported that work on ${topic} had stopped ${day}, although ${org} denied any delay.`;
    case 3:
      return `${person} ${pick(rand, VERBS_SAID)} that ${org} had known about the problem since ${int(rand, 2015, 2024)}.`;
    case 4:
      return `A report by ${org}, published ${day}, found that ${percent} of the ${int(rand, 50, 900)} inspections at ${place} had identified defects.`;
    case 5:
      return `In a post on social media, ${person} wrote: “${pick(rand, EMOJI_POSTS)}”.`;
    case 6:
      return `Talks with ${pick(rand, CJK)} are expected to continue, ${pick(rand, ['officials said', 'two people familiar with the matter said', 'according to the minutes'])}.`;
    case 7:
      return `The meeting at ${place} lasted ${int(rand, 2, 6)} hours and ended without agreement on ${topic}.`;
    case 8:
      return `Critics, including ${person}, argue that ${topic} will benefit ${org} more than the people who live near ${place}.`;
    case 9:
      return `According to ${org}, about ${int(rand, 100, 4000).toLocaleString('en')} households could be affected by ${topic} ${day}.`;
    case 10:
      return `Police said ${int(rand, 2, 40)} people were questioned after protesters blocked ${place} ${day}; nobody was charged.`;
    default:
      return `${person} declined to say whether ${org} would appeal, but added that “all options remain on the table.”`;
  }
}

/** An article of about `chars` UTF-16 code units, normalised as the importer would store it. */
export function generateArticle(seed: number, chars: number): { title: string; text: string } {
  const rand = prng(seed);
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const count = int(rand, 2, 6);
    let paragraph = Array.from({ length: count }, () => sentence(rand)).join(' ');
    if (paragraphs.length === 0) paragraph = `HARBOURVILLE — ${paragraph}`;
    if (paragraphs.length === 1) paragraph = `In the port town of ${RESERVED_WORD}, further along the coast, the mood was calmer. ${paragraph}`;
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return { title: 'Harbour expansion: the long road to a contract (benchmark article)', text: normalizeArticleText(paragraphs.join('\n\n')) };
}

export type Kind = 'CLAIM' | 'EVENT' | 'SOURCE';
export type Status = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface SpanRow {
  id: string;
  authorIndex: number;
  kind: Kind;
  status: Status;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  createdAt: Date;
}

const KINDS: Kind[] = ['CLAIM', 'CLAIM', 'CLAIM', 'EVENT', 'EVENT', 'SOURCE', 'SOURCE'];
const STATUSES: Status[] = ['PENDING', 'PENDING', 'PENDING', 'APPROVED', 'APPROVED', 'REJECTED'];

/** A cuid-shaped id (25 lower-case alphanumerics starting with "c") from the PRNG. */
function makeId(rand: Rand): string {
  let id = 'c';
  while (id.length < 25) id += Math.floor(rand() * 36).toString(36);
  return id;
}

/**
 * `count` spans on word boundaries, 5 to 400 code units long: about half placed at random with
 * lengths from one word to a few sentences, a quarter nested inside an earlier span, a tenth
 * the exact span of an earlier one (another reader's take) and the rest overlapping the end of
 * an earlier one. About 3% cross a paragraph break. Authors are indexes 0..authors-1.
 */
export function generateSpans(seed: number, text: string, count: number, authors: number): SpanRow[] {
  const rand = prng(seed);
  const words = [...text.matchAll(/[\p{L}\p{N}\p{M}]+(?:['’.,-][\p{L}\p{N}\p{M}]+)*/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const reservedStart = text.indexOf(RESERVED_WORD);
  const reservedEnd = reservedStart + RESERVED_WORD.length;
  const firstWordEndingAfter = (offset: number) => {
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]!.end > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  /** From word `w`, the span ending at the last word end within `length`, at least 5 long, at most 400. */
  const spanFrom = (w: number, length: number, limit = text.length): [number, number] | null => {
    const start = words[w]!.start;
    // About 3% of spans cross a paragraph break, as a selection over two paragraphs would.
    const paragraphEnd = text.indexOf('\n\n', start);
    if (paragraphEnd !== -1 && rand() >= 0.03) limit = Math.min(limit, paragraphEnd);
    let last = w;
    while (last + 1 < words.length && words[last + 1]!.end - start <= Math.min(length, 400) && words[last + 1]!.end <= limit) last++;
    while (words[last]!.end - start < 5 && last + 1 < words.length && words[last + 1]!.end - start <= 400 && words[last + 1]!.end <= limit) last++;
    const end = words[last]!.end;
    return end - start >= 5 && end - start <= 400 ? [start, end] : null;
  };
  const lengthTarget = () => {
    const r = rand();
    if (r < 0.5) return int(rand, 5, 40);
    if (r < 0.85) return int(rand, 40, 150);
    return int(rand, 150, 400);
  };

  const spans: SpanRow[] = [];
  const now = Date.UTC(2026, 10, 20);
  while (spans.length < count) {
    const r = rand();
    let span: [number, number] | null = null;
    const parent = spans.length ? pick(rand, spans) : null;
    if (parent && r < 0.25 && parent.end - parent.start >= 12) {
      // Nested: a sub-span of an earlier span.
      const first = firstWordEndingAfter(parent.start);
      const lastStart = firstWordEndingAfter(parent.end - 1);
      span = spanFrom(int(rand, first, Math.max(first, lastStart - 1)), int(rand, 5, parent.end - parent.start - 1), parent.end);
      if (span && span[0] === parent.start && span[1] === parent.end) span = null;
    } else if (parent && r < 0.35) {
      span = [parent.start, parent.end]; // the same quote, tagged again
    } else if (parent && r < 0.5) {
      // Overlapping: starts inside an earlier span and runs past its end.
      const first = firstWordEndingAfter(parent.start);
      const lastStart = firstWordEndingAfter(parent.end - 1);
      if (lastStart > first) span = spanFrom(int(rand, first + 1, lastStart), parent.end - parent.start + lengthTarget());
      if (span && span[1] <= parent.end) span = null;
    } else {
      span = spanFrom(int(rand, 0, words.length - 1), lengthTarget());
    }
    if (!span || (span[0] < reservedEnd && span[1] > reservedStart)) continue;
    const anchor = anchorSpan(text, { start: span[0], end: span[1] });
    if (!anchor.ok) throw new Error(`generated an invalid span ${span.join('-')}: ${anchor.error.message}`);
    spans.push({
      id: makeId(rand),
      authorIndex: Math.floor(rand() * authors),
      kind: pick(rand, KINDS),
      status: pick(rand, STATUSES),
      ...anchor.value,
      createdAt: new Date(now - Math.floor(rand() * 30 * 86_400_000)),
    });
  }
  return spans;
}

/** How dense the spans are: deepest nesting (spans covering one code unit) and how many overlap another. */
export function spanStats(spans: { start: number; end: number }[], textLength: number) {
  const delta = new Int32Array(textLength + 1);
  for (const s of spans) {
    delta[s.start]! += 1;
    delta[s.end]! -= 1;
  }
  let depth = 0;
  let maxDepth = 0;
  let covered = 0;
  for (let i = 0; i < textLength; i++) {
    depth += delta[i]!;
    if (depth > maxDepth) maxDepth = depth;
    if (depth > 0) covered++;
  }
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let overlapping = 0;
  let reach = -1;
  for (const s of sorted) {
    if (s.start < reach) overlapping++;
    reach = Math.max(reach, s.end);
  }
  return { maxDepth, coveredShare: covered / textLength, overlapping };
}
