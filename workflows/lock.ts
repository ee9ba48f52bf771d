import { condition } from '@temporalio/workflow';

/**
 * One transition at a time. Update and signal handlers await activities (slot, projection);
 * without this two of them could interleave across those awaits and both act on the same
 * version. `condition` may wake several waiters in one activation, hence the loop.
 */
export class WorkflowLock {
  private held = false;

  get busy(): boolean {
    return this.held;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    while (this.held) await condition(() => !this.held);
    this.held = true;
    try {
      return await work();
    } finally {
      this.held = false;
    }
  }
}
