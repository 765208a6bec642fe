/**
 * Limits that belong to reading one file or item. Request-wide limits (file size, items per
 * request) belong to the import service, which knows the whole batch.
 */
export const PARSE_LIMITS = {
  /**
   * Open elements at once. Chromium's HTML parser stops nesting at 512 (kMaximumHTMLParserDOMTreeDepth),
   * so nothing deeper renders as nested in a browser; real article pages stay well under 100.
   * Deeper input is a generator bug or an attack on whoever walks the tree.
   */
  maxHtmlDepth: 512,
  /**
   * Block quotes and lists nested in Markdown. marked re-lexes each level (time grows with depth
   * times size) and recurses (a few thousand levels overflow the stack); no article nests 32 deep.
   */
  maxMarkdownNesting: 32,
  /**
   * marked's inline lexer is quadratic in a run of text without spaces holding many `_` or `*`
   * (a pasted blob, a long identifier list): about run length × such marks in it, at ~1 ns each
   * (100 KB of "a_a_a_" takes 5 s). Summed over the file, this budget is under half a second;
   * prose stays orders of magnitude below it.
   */
  maxMarkdownInlineCost: 400_000_000,
  /**
   * Arrays and objects inside one another in a JSON file, body or line. An export line nests five
   * deep (an annotation's list attribute); deeper JSON is a generator bug or an attack.
   */
  maxJsonDepth: 64,
  /** YAML front matter is a handful of keys, not a document. */
  maxFrontMatterLength: 65_536,
  /**
   * Characters (code points). 500 of them are at most 2,000 bytes in UTF-8, under the ~2,700-byte
   * entry limit of the index that sorts titles; headlines run far shorter.
   */
  maxTitleLength: 500,
  /** Of the URL's percent-encoded (ASCII) form, the one stored: so also its bytes, for the index. */
  maxUrlLength: 2048,
  maxSourceLength: 300,
  maxAuthorLength: 300,
  maxLanguageLength: 35,
  /**
   * UTF-16 code units, like every offset into Article.text. Twenty times the longest features;
   * PostgreSQL's search vector of one row holds at most 1 MB of words, which far longer texts of
   * distinct words could exceed.
   */
  maxTextLength: 1_000_000,
  /**
   * Characters of one Markdown file. Its text may hold at most maxTextLength, and markup adds far
   * less than half to prose; the bound keeps marked (linear, but about 0.3 µs a character, and
   * recursive) well under a second and clear of its stack limit, where 10 MB took seconds.
   */
  maxMarkdownLength: 1_500_000,
  /** Longest first line of a plain-text file still taken as its headline. */
  maxHeadlineLength: 200,
  /** A title made from the first sentence is cut at a word boundary to this length, with "…". */
  maxDerivedTitleLength: 120,
  /** Rows of a CSV, lines of a JSONL, elements of a JSON array; matches the per-request item limit. */
  maxItemsPerFile: 10_000,
} as const;

export const formatCount = (n: number): string => n.toLocaleString('en-US');
