// Endpoint URLs can carry credentials (an RPC provider's key, a database password): text shown
// on a page or stored in a record never keeps them.
export function withoutEndpoints(text: string): string {
  return text.replace(/\b(?:https?|wss?|postgres(?:ql)?|redis):\/\/[^\s"')]+/g, "[endpoint]");
}
