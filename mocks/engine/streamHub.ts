/**
 * The open event streams of one engine, so that the engine can reach them without knowing any
 * transport: wake them after a request changed something (they look for news at once instead of
 * at their next tick) and close them all (`POST /_mock/events/drop`, push switched off, an outage).
 */
export interface StreamConnection {
  /** look for news now */
  wake(): void;
  /** end the stream (the client sees the connection close) */
  close(): void;
}

export class StreamHub {
  private readonly connections = new Set<StreamConnection>();

  add(connection: StreamConnection): () => void {
    this.connections.add(connection);
    return () => this.connections.delete(connection);
  }

  get size(): number {
    return this.connections.size;
  }

  /** Wakes every stream on the next microtask, after the request that changed something is done. */
  wakeAll(): void {
    if (this.connections.size === 0) return;
    queueMicrotask(() => {
      for (const connection of [...this.connections]) connection.wake();
    });
  }

  /** Closes every open stream; returns how many there were. */
  dropAll(): number {
    const open = [...this.connections];
    this.connections.clear();
    for (const connection of open) connection.close();
    return open.length;
  }
}
