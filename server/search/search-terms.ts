// Turns what a person typed into the two halves of a Postgres text-search query, mirroring how
// messages are indexed (migration *_search_mentions): English words go through the stemming
// 'english' configuration; runs of Korean/CJK characters become bigram phrases, so 회의 matches
// inside 회의는 and 회의실, and 회의실 only where 회의 and 의실 stand side by side.
const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+/gu;

export interface SearchTerms {
  /** For plainto_tsquery('english', …): words AND-ed and stemmed; may be empty. */
  english: string;
  /** For to_tsquery('simple', …): one bigram phrase per CJK run, AND-ed; may be empty. */
  cjk: string;
}

export function searchTerms(q: string): SearchTerms {
  const runs = q.match(CJK_RUN) ?? [];
  const english = q.replace(CJK_RUN, " ").replace(/\s+/g, " ").trim();
  const phrases = runs.map((run) => {
    const chars = [...run];
    // One character: any bigram that starts with it.
    if (chars.length === 1) return `'${chars[0]}':*`;
    const grams = chars.slice(0, -1).map((c, i) => `'${c}${chars[i + 1]}'`);
    return grams.length === 1 ? grams[0]! : `(${grams.join(" <-> ")})`;
  });
  return { english, cjk: phrases.join(" & ") };
}
