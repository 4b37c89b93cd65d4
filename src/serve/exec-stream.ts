// pods/exec over WebSocket, as kubectl 1.32 opens it (client-go tools/remotecommand
// websocket.go): subprotocol v5.channel.k8s.io (v4 accepted too), binary frames whose first
// byte is the channel (0 stdin, 1 stdout, 2 stderr, 3 error), v5's [255, channel] closing a
// channel (apimachinery util/httpstream/wsstream conn.go), the error channel carrying a
// metav1.Status (kubelet cri streaming remotecommand: Success, or Failure NonZeroExitCode with
// an ExitCode cause). The command runs through the engine as its own `kubectl exec` runs it.
// Refusals answer the upgrade with an HTTP error, so kubectl falls back to SPDY, gets the same
// answer and prints it as it would for a real cluster.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { badRequest, StatusError } from '../../engine/kube/apiserver/errors.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { execInContainer } from '../../engine/kube/kubectl/commands/pods.ts';
import { statusBody } from './handlers.ts';
import { resolveContainer } from './logs.ts';
import { parseResourcePath } from './routes.ts';

/** remotecommand.StreamProtocolV5Name and the older names this server also speaks. */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
/** remotecommand.StreamClose: a v5 message [255, channel] closes that channel. */
const STREAM_CLOSE = 255;

interface ExecRequest {
  pod: KubeObject;
  container: string;
  command: string[];
  stdin: boolean;
}

/** Answers an upgrade request with a plain HTTP response and closes the socket. */
function refuse(socket: Duplex, status: number, contentType: string, body: string): void {
  const reason = {
    400: 'Bad Request',
    404: 'Not Found',
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
  };
  socket.end(
    `HTTP/1.1 ${status} ${reason[status as keyof typeof reason] ?? 'Error'}\r\n` +
      `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function refuseStatus(socket: Duplex, e: StatusError): void {
  refuse(socket, e.code, 'application/json', JSON.stringify(statusBody(e)));
}

/** The kubelet's GetExec refusal when the container is not running (kubelet_pods.go). */
class ContainerNotFound extends Error {}

/**
 * ExecLocation's checks (pkg/registry/core/pod/strategy.go streamLocation): the pod, its
 * container, a node; then the kubelet's: a running container.
 */
function execRequest(cluster: Cluster, path: string, query: URLSearchParams): ExecRequest {
  const route = parseResourcePath(cluster, path);
  if (route?.type.resource !== 'pods' || !route.name)
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  if (route.subresource === 'attach' || route.subresource === 'portforward')
    throw new StatusError(
      405,
      'MethodNotAllowed',
      `labbook serve --kube-api does not serve pods/${route.subresource}`,
    );
  if (route.subresource !== 'exec')
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  cluster.runtime.catchUp();
  const pod = cluster.store.get(cluster.type('pods'), route.namespace ?? '', route.name);
  const command = query.getAll('command');
  const container = resolveContainer(pod, query.get('container') ?? '');
  if (!pod.spec?.nodeName) throw badRequest(`pod ${route.name} does not have a host assigned`);
  // the apiserver's PodExecOptions validation
  if (command.length === 0) throw badRequest('you must specify at least 1 command');
  if (pod.status?.phase !== 'Running') throw new ContainerNotFound(`container not found ("${container}")`);
  return { pod, container, command, stdin: query.get('stdin') === 'true' || query.get('stdin') === '1' };
}

/**
 * metav1.Status on the error channel: how the command ended (kubelet cri streaming
 * remotecommand httpstream.go v4WriteStatusFunc). kubectl reads only the reason and the
 * ExitCode cause; the message's runtime text is not simulated.
 */
function exitStatus(code: number): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * A runtime that cannot start the program: remotecommand exec.go sends "error executing
 * command in container: %v" as apierrors.NewInternalError.
 */
function startFailure(startError: string): Record<string, unknown> {
  const cause = `error executing command in container: ${startError}`;
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${cause}`,
    reason: 'InternalError',
    details: { causes: [{ message: cause }] },
    code: 500,
  };
}

function frame(channel: number, data: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from([channel]), Buffer.isBuffer(data) ? data : Buffer.from(data)]);
}

/** Runs the command and sends its output, how it ended and a normal closure. */
function runExec(cluster: Cluster, ws: WebSocket, exec: ExecRequest): void {
  const run = execInContainer(cluster, exec.pod, exec.container, exec.command);
  if (run.startError) {
    ws.send(frame(ERROR, JSON.stringify(startFailure(run.startError))));
  } else {
    for (const line of run.log) ws.send(frame(line.stream === 'stdout' ? STDOUT : STDERR, line.text));
    // a command still running at the engine's time limit ends as interrupted (as `kubectl exec`)
    ws.send(frame(ERROR, JSON.stringify(exitStatus(run.exitCode ?? 130))));
  }
  ws.close(1000);
}

/** Serves pods/exec WebSocket upgrades on `server`; other upgrades get an HTTP error. */
export function attachExecStreams(server: Server, cluster: Cluster): void {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let exec: ExecRequest;
    try {
      exec = execRequest(cluster, url.pathname.replace(/\/+$/, ''), url.searchParams);
    } catch (e) {
      if (e instanceof StatusError) refuseStatus(socket, e);
      else if (e instanceof ContainerNotFound) refuse(socket, 500, 'text/plain; charset=utf-8', e.message);
      else refuseStatus(socket, new StatusError(500, 'InternalError', (e as Error).message));
      return;
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (
      (req.headers.upgrade ?? '').toLowerCase() !== 'websocket' ||
      !PROTOCOLS.some((p) => offered.includes(p))
    ) {
      // SPDY/3.1 and older channel protocols are not spoken here
      refuseStatus(
        socket,
        badRequest(
          'labbook serve --kube-api speaks exec over WebSocket (v5.channel.k8s.io, v4.channel.k8s.io) only',
        ),
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!exec.stdin) {
        runExec(cluster, ws, exec);
        return;
      }
      // the command reads its stdin once the client has closed it (v5 close, or the end)
      const input: Buffer[] = [];
      let done = false;
      const start = () => {
        if (done) return;
        done = true;
        runExec(cluster, ws, exec);
      };
      ws.on('message', (data: Buffer) => {
        if (data[0] === STREAM_CLOSE && data.length === 2 && data[1] === STDIN) start();
        else if (data[0] === STDIN) input.push(data.subarray(1));
      });
      ws.on('close', () => {
        done = true;
      });
    });
  });
}
