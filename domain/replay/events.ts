/**
 * One event of a workflow history, its payloads already opened and converted to values (the
 * service does that through the codec). Ids and times as proto-JSON writes them.
 */
export type ReplayEvent = {
  id: number;
  /** RFC 3339 instant. */
  time: string;
  /** The event type without its `EVENT_TYPE_` prefix: `TIMER_STARTED`, `ACTIVITY_TASK_SCHEDULED`... */
  type: string;
  /** The event's `...EventAttributes`, payloads replaced by their values (`{ payloads: [value, ...] }`). */
  attributes: Record<string, unknown>;
  /** The label Carepath gave the timer, activity or workflow (user metadata), when readable. */
  summary?: string;
};
