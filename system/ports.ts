import { createServer, type Server } from 'node:net';

export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * A port the OS considers free right now (for tests and private stacks). It is free only
 * until somebody else binds it: a caller that binds later must choose again if it was taken
 * (`onFreePorts`), or bind port 0 itself and read the port back.
 */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}

/** `count` different ports, all free at the same moment (each probe is held until all are bound). */
export async function freePorts(count: number): Promise<number[]> {
  const probes: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const probe = createServer();
      probes.push(probe);
      ports.push(
        await new Promise<number>((resolve, reject) => {
          probe.once('error', reject);
          probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port));
        }),
      );
    }
    return ports;
  } finally {
    await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
  }
}

/**
 * What the errors and outputs of our starters say when a port was taken: startServer's and
 * the dev server's "Port N is already in use", Node's EADDRINUSE, Go's "bind: address already in
 * use", Rust's "Address already in use (os error 98)".
 */
export const PORT_TAKEN = /already in use|EADDRINUSE|address in use/i;

/**
 * Starts something on `count` ports free a moment earlier, and on new ones if another process
 * bound one in between (`start` fails with an error matching PORT_TAKEN). Any other failure, or
 * `attempts` taken ports in a row, is thrown.
 */
export async function onFreePorts<T>(count: number, start: (ports: number[]) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(count);
    try {
      return await start(ports);
    } catch (error) {
      if (attempt >= attempts || !PORT_TAKEN.test(String(error instanceof Error ? error.message : error))) throw error;
    }
  }
}
