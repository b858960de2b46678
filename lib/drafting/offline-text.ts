/**
 * The offline drafter's reading of a request before any rule looks at it: one canonical spelling
 * for the many ways people write the same thing. Lowercase; typographic quotes and dashes made
 * plain; contractions spelled out ("can't" → "can not", "dont" → "do not"); numbers as digits
 * ("a thousand", "1k", "$1,000" → 1000, with `$` kept before money); symbols as words ("<=" →
 * "at most"); and words that are one edit away from a word the drafter knows corrected, each
 * correction reported. Quoted values, paths and tool names are kept verbatim.
 */

export interface Normalized {
  /** The request in canonical form; quoted values are kept as `"…"` with their original case. */
  text: string;
  /** "read “refnuds” as “refunds”", for the assumptions. */
  corrections: Array<{ from: string; to: string }>;
}

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan'?t\b/g, "can not"],
  [/\bcannot\b/g, "can not"],
  [/\bwon'?t\b/g, "will not"],
  [/\bshan'?t\b/g, "shall not"],
  [/\b(do|does|did|is|are|was|were|should|must|may|could|would|have|has|need)n'?t\b/g, "$1 not"],
  [/\b(it|that|there|what|who|here)'s\b/g, "$1 is"],
  [/\b(they|we|you)'re\b/g, "$1 are"],
  [/\b(they|we|you|i)'ll\b/g, "$1 will"],
  [/\b(they|we|you|i)'ve\b/g, "$1 have"],
  [/\bi'm\b/g, "i am"],
  // Possessive "'s" says nothing about permissions: "the admin's" → "the admin".
  [/(\w)'s\b/g, "$1"],
];

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bprs\b/g, "pull requests"],
  [/\bpr\b/g, "pull request"],
  [/\brepos\b/g, "repositories"],
  [/\brepo\b/g, "repository"],
  [/\bmsgs?\b/g, "messages"],
  [/\bdirs\b/g, "directories"],
  [/\bdir\b/g, "directory"],
  [/\badmin(s)? people\b/g, "admin$1"],
];

const SYMBOLS: Array<[RegExp, string]> = [
  [/(?:<=|≤|=<)\s*/g, " at most "],
  [/(?:>=|≥|=>)\s*/g, " at least "],
  [/<\s*/g, " under "],
  [/>\s*/g, " over "],
];

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/** Words the drafter knows besides the tools' own; a word one edit away from one of them is a typo. */
export function normalize(request: string, vocabulary: ReadonlySet<string>): Normalized {
  const corrections: Normalized["corrections"] = [];
  // Quoted values are set aside so that nothing below rewrites them.
  const quoted: string[] = [];
  let text = request
    .replace(/[“”„]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, " - ")
    .replace(/"([^"\n]{1,200})"|(?<![\w])'([^'\n]{1,200})'(?![\w])/g, (_m, a: string | undefined, b: string | undefined) => {
      quoted.push(a ?? b ?? "");
      return ` \u0001${quoted.length - 1}\u0001 `;
    })
    // Ids such as C123 or ord-1001 are values: kept verbatim, like quoted ones.
    .replace(/(?<![\w\/-])([A-Za-z][A-Za-z-]*\d[A-Za-z0-9-]*)(?![\w\/])/g, (_m, id: string) => {
      quoted.push(id);
      return ` \u0001${quoted.length - 1}\u0001 `;
    })
    .toLowerCase();
  for (const [re, to] of CONTRACTIONS) text = text.replace(re, to);
  for (const [re, to] of ABBREVIATIONS) text = text.replace(re, to);
  text = text.replace(/\b(dont|doesnt|isnt|arent|shouldnt|mustnt|cant|wont|didnt|wasnt|werent)\b/g, (w) => ({ cant: "can not", wont: "will not" })[w] ?? `${w.slice(0, -2)} not`);
  for (const [re, to] of SYMBOLS) text = text.replace(re, to);
  text = numbers(text);
  text = text.replace(/[a-z][a-z0-9_'-]*/g, (word, at: number, all: string) => {
    if (word.length < 4 || vocabulary.has(word) || /[_\d]/.test(word)) return word;
    // A name said to be a role or a team is not a typo ("the sales role").
    if (/^\s+(?:roles?|teams?|groups?|departments?|people|staff)\b/.test(all.slice(at + word.length)) || /\brole\s+$/.test(all.slice(0, at))) return word;
    const fixed = closest(word, vocabulary);
    if (fixed) corrections.push({ from: word, to: fixed });
    return fixed ?? word;
  });
  text = text.replace(/\s+/g, " ").trim();
  text = text.replace(/\u0001(\d+)\u0001/g, (_m, i: string) => `"${quoted[Number(i)].replace(/"/g, "")}"`);
  return { text, corrections };
}

/** Digits for every number: "$1,000.50" → "$1000.50", "1.5k" → "1500", "a thousand" → "1000". */
function numbers(text: string): string {
  let out = text
    .replace(/([$€£])\s+(?=\d)/g, "$1")
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/\b(\d+(?:\.\d+)?)\s*(k|m|thousand|million|bn)\b/g, (_m, n: string, u: string) => String(Math.round(Number(n) * (u === "k" || u === "thousand" ? 1000 : u === "bn" ? 1e9 : 1_000_000) * 1e4) / 1e4));
  // Number words, e.g. "five hundred", "a thousand", "twenty five".
  out = out.replace(/\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|and)(?:[\s-]+|\b)){1,8}/g, (phrase) => {
    const words = phrase.trim().split(/[\s-]+/);
    // "a"/"an"/"and" alone, or "one" as a pronoun ("no one"), are not numbers.
    if (!words.some((w) => w in SCALES || (w in UNITS && w !== "one"))) return phrase;
    let total = 0;
    let current = 0;
    for (const w of words) {
      if (w === "and") continue;
      if (w === "a" || w === "an") current = current || 1;
      else if (w in UNITS) current += UNITS[w];
      else if (w in SCALES) {
        current = (current || 1) * SCALES[w];
        if (SCALES[w] >= 1000) {
          total += current;
          current = 0;
        }
      }
    }
    const lead = /^(a|an|and)\s/.test(phrase) && !words.slice(1).some((w) => w in SCALES) ? `${words[0]} ` : "";
    return `${lead}${total + current}${/\s$/.test(phrase) ? " " : ""}`;
  });
  // "500 dollars", "10 bucks", "€20" → "$500": one mark for money.
  return out.replace(/\b(\d+(?:\.\d+)?)\s*(?:dollars?|bucks|usd|euros?)\b/g, "$$$1").replace(/[€£](?=\d)/g, "$$");
}

/** The one known word within one edit (two for long words), or none when it is not unique. */
function closest(word: string, vocabulary: ReadonlySet<string>): string | undefined {
  const max = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of vocabulary) {
    if (candidate.length < 4 || Math.abs(candidate.length - word.length) > max) continue;
    const d = distance(word, candidate, max) - affinity(word, candidate);
    if (d < bestDistance) [best, bestDistance, tie] = [candidate, d, false];
    else if (d === bestDistance) tie = true;
  }
  return bestDistance <= max && !tie ? best : undefined;
}

/** A tie-break between equally close words: the one that keeps the word's first and last letters. */
function affinity(word: string, candidate: string): number {
  return (word[0] === candidate[0] ? 0.25 : 0) + (word.at(-1) === candidate.at(-1) ? 0.25 : 0);
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), cut off above `max`. */
export function distance(a: string, b: string, max = Infinity): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return rowMin;
  }
  return rows[a.length][b.length];
}
