/** What one design measured for one group size. */
export interface DesignRun {
  design: 'natter' | 'naive';
  size: number;
  messages: number;
  listeners: number;
  /** Writes made by clients (the sender), counted by the bench. */
  clientWrites: number;
  /** Writes committed by functions (from the ledger), notification jobs excluded. */
  functionWrites: number;
  /** Writes to notification jobs (`jobs/...`) committed by functions. */
  notificationWrites: number;
  /** Documents delivered to the chat-list listeners of all sampled recipients. */
  chatListReads: number;
  /** Documents delivered to the open-chat listeners of all sampled recipients. */
  chatOpenReads: number;
  /** Sender's write to the message arriving at each sampled recipient's open chat (ms). */
  deliverMs: number[];
  /** Sender's write to each sampled recipient's chat list showing the message (ms). */
  chatListMs: number[];
  /** Documents each function commit touched, for the record. */
  functionPaths: string[];
}
