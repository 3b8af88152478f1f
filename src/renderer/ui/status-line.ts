export type StatusTone = 'info' | 'success' | 'error';

/** One line of feedback beside the control that caused it. */
export interface StatusLine {
  text: string;
  tone: StatusTone;
}
