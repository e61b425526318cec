// The world-level `log` import.
export default function log(message) { console.log('log: ' + message); }
