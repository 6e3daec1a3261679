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

/**
 * The same for the translated languages, written as readers write them
 * (normalize.ts folds them like any other word). Articles, prepositions and
 * conjunctions only: words that carry meaning in a health question stay.
 */
export const STOPWORDS_OF_LANG = {
  es: [
    'a', 'al', 'como', 'con', 'cual', 'de', 'del', 'e', 'el', 'ella', 'en', 'es', 'esa', 'ese', 'esta', 'este', 'estas', 'estos',
    'hay', 'la', 'las', 'le', 'les', 'lo', 'los', 'o', 'para', 'pero', 'por', 'que', 'qué', 'se', 'sin', 'son', 'su', 'sus',
    'u', 'un', 'una', 'unas', 'unos', 'y', 'ya',
  ],
  fr: [
    'a', 'à', 'au', 'aux', 'ce', 'ces', 'cet', 'cette', 'dans', 'de', 'des', 'du', 'elle', 'elles', 'en', 'est', 'et', 'il', 'ils',
    'la', 'le', 'les', 'leur', 'leurs', 'ne', 'on', 'ou', 'où', 'par', 'pas', 'pour', 'qu', 'que', 'qui', 'sa', 'se', 'ses',
    'son', 'sont', 'sur', 'un', 'une', 'y',
  ],
  ar: ['في', 'من', 'على', 'إلى', 'عن', 'أو', 'ما', 'هل', 'هذا', 'هذه', 'ذلك', 'التي', 'الذي', 'أن', 'إن', 'مع', 'كان', 'لا', 'ثم', 'قد'],
} as const;
