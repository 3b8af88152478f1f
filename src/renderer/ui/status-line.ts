export type StatusTone = 'info' | 'success' | 'error';

/** One line of feedback beside the control that caused it. */
export interface StatusLine {
  text: string;
  tone: StatusTone;
  /** The Item the line is about: it goes when that Item does. */
  itemId?: string;
}
