// Checks that the ports Natter needs are free, so a clash gets one clear sentence, not a stack trace.
import net from 'node:net';

/** Resolves true when nothing listens on host:port. */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
}

/** Exits with a clear message naming every busy port and what Natter wanted it for. */
export async function assertPortsFree(portsByName) {
  const busy = [];
  for (const [name, port] of Object.entries(portsByName)) {
    if (!(await isPortFree(port))) busy.push(`${port} (${name})`);
  }
  if (busy.length > 0) {
    console.error(
      `Port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} already in use: stop whatever holds ` +
        `${busy.length > 1 ? 'them' : 'it'} (perhaps an earlier \`npm start\`; see \`ss -ltnp\`) and run again.`,
    );
    process.exit(1);
  }
}
