/**
 * Chapter 14's "Check yourself" questions. Each answer is asserted by
 * test/snippets/14-running-it.check-yourself.test.ts against real servers
 * and processes.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'close-alone',
    question:
      'A client has a 200 ms request in flight on a keep-alive connection when the server calls `server.close()` and nothing else. As soon as the response arrives, the client sends a second request on the same socket. What happens to it?',
    choices: ['it is answered normally', 'the connection is refused', 'the socket is closed without an answer'],
    answer: 'it is answered normally',
    explanation:
      '`close()` stops accepting new connections and closes the sockets that are idle at that moment. A busy socket is not idle, its response goes out with `Connection: keep-alive`, and Node reads the next request from it. Setting `Connection: close` on every response while draining is what ends those sockets.',
  },
  {
    id: 'close-all',
    question: 'Same request in flight, but the shutdown calls `server.closeAllConnections()` right after `server.close()`. What does the client get?',
    choices: ['its full response', 'a 503', 'the socket closes with no response'],
    answer: 'the socket closes with no response',
    explanation:
      '`closeAllConnections()` destroys every socket, busy or not, so the request in flight is cut mid-way. It belongs at the deadline, for what never finishes, not at the start of the drain.',
  },
  {
    id: 'unhandled-default',
    question: 'A Node 24 process installs no `unhandledRejection` handler. A promise rejects and nothing ever catches it. What happens to the process?',
    choices: ['a warning is printed and it keeps running', 'it exits with code 1', 'it exits with code 0'],
    answer: 'it exits with code 1',
    explanation:
      'Since Node 15 the default mode is `throw`: the rejection is raised as an uncaught exception, which ends the process at once, with every request in flight. There is no master process to start a fresh worker: the orchestrator has to.',
  },
  {
    id: 'second-signal',
    question:
      'A service registers its shutdown with `process.once(\'SIGTERM\', …)`. While it drains, a second SIGTERM arrives (an impatient operator, or a supervisor repeating itself). What happens?',
    choices: ['nothing: the drain goes on', 'the shutdown runs twice', 'the process is killed by the signal at once'],
    answer: 'the process is killed by the signal at once',
    explanation:
      '`once` removed the listener when the first signal arrived. With no listener left, Node falls back to the default action for SIGTERM: the process dies mid-drain, without closing the pool. Keep the listener until the shutdown is done and make the second call a no-op.',
  },
  {
    id: 'batch-before-flush',
    question:
      'The tracing set-up uses a `BatchSpanProcessor`. A request ends, and its span with it. Where is that span a moment later, before anything calls `forceFlush()` or `sdk.shutdown()`?',
    choices: ['already at the exporter', 'queued in the processor, not exported yet', 'dropped'],
    answer: 'queued in the processor, not exported yet',
    explanation:
      'A batch processor exports every few seconds or when its queue fills. A process that calls `process.exit()` without `await sdk.shutdown()` loses the spans of its last seconds, exactly the ones that explain why it was shutting down.',
  },
]);
