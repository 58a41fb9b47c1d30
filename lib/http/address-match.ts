import ipaddr from "ipaddr.js";

// Address and CIDR matching for ADMIN_ALLOWED_IPS and TRUSTED_PROXIES. IPv4-mapped IPv6
// addresses (::ffff:10.0.0.1, as Node reports IPv4 peers on dual-stack sockets) match their
// IPv4 form.

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    const parsed = ipaddr.parse(address.trim().replace(/^\[|\]$/g, ""));
    return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  } catch {
    return null;
  }
}

export function isAddressOrRange(value: string): boolean {
  if (value.includes("/")) {
    try {
      ipaddr.parseCIDR(value);
      return true;
    } catch {
      return false;
    }
  }
  return parse(value) !== null;
}

export function matchesAny(address: string | null | undefined, list: readonly string[]): boolean {
  if (!address) return false;
  const ip = parse(address);
  if (!ip) return false;
  return list.some((entry) => {
    if (!entry.includes("/")) return parse(entry)?.toNormalizedString() === ip.toNormalizedString();
    const [range, bits] = ipaddr.parseCIDR(entry);
    return range.kind() === ip.kind() && ip.match([range, bits] as never);
  });
}
