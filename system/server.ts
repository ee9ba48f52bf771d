import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../web/app';
import { isPortFree } from './ports';
import { PrerequisiteError } from './run-main';
import { type System, appInput } from './system';

export type RunningServer = { url: string; close(): Promise<void> };

/** Serves the web app over the system on loopback (or HOST), and resolves once it is listening. */
export async function startServer(system: Omit<System, 'close'>): Promise<RunningServer> {
  const { HOST: host, PORT: port } = system.config;
  if (!(await isPortFree(host, port))) {
    throw new PrerequisiteError(`Port ${port} is already in use. Stop whatever holds it, or set PORT to another port.`);
  }
  const app = createApp(appInput(system));
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
  });
  return {
    url: `http://${host === '127.0.0.1' || host === '::1' ? 'localhost' : host}:${port}`,
    close: () => closeGracefully(server),
  };
}

/** Stops accepting connections, lets in-flight requests finish, then drops idle keep-alive sockets. */
function closeGracefully(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}
