// One rule as text: the -S / iptables-save form (nft_ipv4_save_rule + save_matches_and_target),
// the -L row (nft_ipv4_print_rule: print_rule_details, ifaces, addresses, matches, target) and
// the one-line form -v prints when a rule is added or deleted (FMT_PRINT_RULE).
import { formatIpv4 } from '../../net/inet.ts';
import { listAddr, type Resolver, saveMask } from '../addr.ts';
import { findMatch, findTarget } from '../registry.ts';
import type { IpSpec, Rule } from '../state.ts';
import { printNum, protoToName } from '../xtables.ts';

/** save_ipv4_addr(): nothing for an uninverted 0.0.0.0/0. */
function saveAddr(letter: string, addr: number, mask: number, invert: boolean): string {
  if (!mask && !invert && !addr) return '';
  return `${invert ? ' !' : ''} -${letter} ${formatIpv4(addr)}/${saveMask(mask)}`;
}

/** save_iface(): nothing for '' or a lone '+'. */
function saveIface(letter: string, name: string, invert: boolean): string {
  if (name === '' || name === '+') return '';
  return `${invert ? ' !' : ''} -${letter} ${name}`;
}

/** The rule after "-A CHAIN": addresses, interfaces, protocol, matches, [-c], target. */
export function saveRuleBody(rule: Rule, counters = false): string {
  const ip = rule.ip;
  let s = saveAddr('s', ip.src, ip.smsk, ip.invSrc) + saveAddr('d', ip.dst, ip.dmsk, ip.invDst);
  s += saveIface('i', ip.iniface, ip.invIn) + saveIface('o', ip.outiface, ip.invOut);
  if (ip.proto > 0) {
    const name = protoToName(ip.proto, false);
    s += `${ip.invProto ? ' !' : ''} -p ${name ?? ip.proto}`;
  }
  if (ip.frag) s += `${ip.invFrag ? ' !' : ''} -f`;
  for (const m of rule.matches) s += ` -m ${m.name}${findMatch(m.name)?.save(m.data, ip) ?? ''}`;
  if (counters) s += ` -c ${rule.counters.packets} ${rule.counters.bytes}`;
  if (rule.target) s += ` -j ${rule.jump}${findTarget(rule.target.name)?.save(rule.target.data, ip) ?? ''}`;
  else if (rule.jump) s += ` -${rule.goto ? 'g' : 'j'} ${rule.jump}`;
  return s;
}

/** How -L is asked to print (the FMT_* flags that matter). */
export interface ListFormat {
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

/** The target column: the chain or target name (NOTRACK's real name is CT). */
export function targetName(rule: Rule): string {
  if (rule.target) return findTarget(rule.target.name)?.realName ?? rule.jump;
  return rule.jump;
}

function ifaceText(name: string, invert: boolean, numeric: boolean): string {
  return `${invert ? '!' : ''}${name !== '' ? name : numeric ? '*' : 'any'}`;
}

/** Matches and target texts (print_matches_and_target). */
function extText(rule: Rule, numeric: boolean, resolver: Resolver): string {
  let s = '';
  for (const m of rule.matches) s += findMatch(m.name)?.print(m.data, rule.ip, numeric, resolver) ?? '';
  if (rule.target)
    s += findTarget(rule.target.name)?.print(rule.target.data, rule.ip, numeric, resolver) ?? '';
  return s;
}

function protoColumn(ip: IpSpec, numeric: boolean): string {
  const name = protoToName(ip.proto, numeric);
  return numeric || !name ? String(ip.proto) : name;
}

/** One -L row, with its newline. */
export function listRow(rule: Rule, num: number, f: ListFormat, resolver: Resolver): string {
  const ip = rule.ip;
  let s = '';
  if (f.lineNumbers) s += `${String(num).padEnd(4)} `;
  if (f.verbose) s += printNum(rule.counters.packets, f.exact) + printNum(rule.counters.bytes, f.exact);
  s += `${targetName(rule).padEnd(9)} `;
  s += `${ip.invProto ? '!' : ' '}${protoColumn(ip, f.numeric).padEnd(4)} `;
  s += `${ip.invFrag ? '!' : '-'}${ip.frag ? 'f' : '-'} `;
  if (f.verbose) {
    s += ` ${ifaceText(ip.iniface, ip.invIn, f.numeric).padEnd(6)} `;
    s += `${ifaceText(ip.outiface, ip.invOut, f.numeric).padEnd(6)} `;
  }
  s += `${ip.invSrc ? '!' : ' '}${listAddr(ip.src, ip.smsk, f.numeric, resolver).padEnd(19)} `;
  s += `${ip.invDst ? '!' : ' '}${listAddr(ip.dst, ip.dmsk, f.numeric, resolver).padEnd(19)} `;
  if (rule.goto) s += '[goto] ';
  return `${s}${extText(rule, f.numeric, resolver)}\n`;
}

/** The rule as -v prints it while adding or deleting (FMT_PRINT_RULE: numeric, no table). */
export function verboseRule(rule: Rule, resolver: Resolver): string {
  const ip = rule.ip;
  let s = `${targetName(rule)} `;
  s += `${ip.invProto ? '!' : ' '}${protoToName(ip.proto, true) ?? ip.proto} `;
  s += `opt ${ip.invFrag ? '!' : '-'}${ip.frag ? 'f' : '-'} `;
  s += `in ${ifaceText(ip.iniface, ip.invIn, true)} out ${ifaceText(ip.outiface, ip.invOut, true)} `;
  s += `${ip.invSrc ? '!' : ' '}${listAddr(ip.src, ip.smsk, true, resolver)} `;
  s += `${ip.invDst ? '!' : ' '}-> ${listAddr(ip.dst, ip.dmsk, true, resolver)}`;
  s += '  ';
  if (rule.goto) s += '[goto] ';
  return `${s}${extText(rule, true, resolver)}\n`;
}
