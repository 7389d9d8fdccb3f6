// The longest main-thread task during a run (Long Tasks API): how long the page could not respond.

export class LongTaskMeter {
  private observer: PerformanceObserver | null = null;
  longestMs = 0;

  start(): void {
    this.longestMs = 0;
    if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('longtask'))
      return;
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.longestMs = Math.max(this.longestMs, entry.duration);
    });
    this.observer.observe({ type: 'longtask' });
  }

  /** Stops measuring; returns the longest task in ms (0 when none exceeded the API's 50 ms floor). */
  stop(): number {
    if (this.observer) {
      for (const entry of this.observer.takeRecords()) this.longestMs = Math.max(this.longestMs, entry.duration);
      this.observer.disconnect();
    }
    this.observer = null;
    return Math.round(this.longestMs);
  }
}
