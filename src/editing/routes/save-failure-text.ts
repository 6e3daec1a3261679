/**
 * What an editor is told when a save could not be stored or confirmed.
 * Kept in one place so the editing catalogue (src/editing/messages, being
 * written) can take them over as they are.
 */
export const SAVE_FAILURE_TEXT = {
  /** The editor page's message when the disk is full (SQLITE_FULL, ENOSPC, PostgreSQL 53100). */
  diskFull: 'Nothing was saved: the server’s disk is full. Your text is below.',
  /** The editor page's message when the database refuses writes (a read-only file or disk, a PostgreSQL standby). */
  readOnly: 'Nothing was saved: the database cannot be written. Your text is below.',
  /** The standalone page's title and lead when the database could not be reached during a save. */
  unconfirmedTitle: 'Your save could not be confirmed',
  unconfirmed: 'We could not confirm your save. Your text is below; sending it again will not save it twice.',
  unconfirmedWhy: 'The database did not answer in time. Your save may or may not have been stored; the page’s history will say once the database is back.',
  unconfirmedWhen: 'Wait a few seconds, then send it again.',
  /** Shown instead of `unconfirmedWhy` when the disk is full or the database cannot be written and the editor could not be shown. */
  notSavedTitle: 'Nothing was saved',
  bodyLabel: 'Page text',
  sendAgain: 'Send it again',
  otherFields: 'The title, address, summary and the other fields you sent are kept in this form too.',
} as const;
