/**
 * Words too common to help find a page. They are neither indexed nor searched
 * for, so "what is scleroderma" looks for "scleroderma", and the words AND, OR,
 * NOT typed by a reader are plain words, never operators. Single letters other
 * than "a" stay: "vitamin D", "B cells", "T cells".
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'after', 'all', 'also', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'been', 'being', 'but', 'by',
  'can', 'could', 'did', 'do', 'does', 'for', 'from', 'had', 'has', 'have', 'he', 'her', 'his', 'how', 'i', 'if',
  'in', 'into', 'is', 'it', 'its', 'may', 'me', 'my', 'no', 'not', 'of', 'on', 'or', 'our', 'she', 'should', 'so',
  'some', 'such', 'than', 'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this', 'those', 'to',
  'too', 'us', 'very', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with', 'would',
  'you', 'your',
]);
