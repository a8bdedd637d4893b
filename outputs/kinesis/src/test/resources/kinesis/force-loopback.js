// Forces every server kinesis-local opens onto 127.0.0.1 (it listens on all interfaces by design).
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'object' && args[0] !== null) {
    args[0] = Object.assign({}, args[0], { host: '127.0.0.1' });
  } else if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const port = args[0];
    const rest = args.slice(1).filter((a, i) => !(i === 0 && (typeof a === 'string' || a === undefined)));
    args = [port, '127.0.0.1', ...rest];
  }
  return listen.apply(this, args);
};
