// Diagrams on the page: Mermaid text turned into accessible, self-contained inline SVG coloured by
// the site's theme, types that cannot be drawn here shown as source, and the source copyable.
import { describe, expect, it } from 'vitest';
import { diagramSvg, mermaidParts, renderDiagram } from '../../src/site/render-diagram.ts';

const TOPOLOGY = `flowchart LR
  accTitle: Network topology of labbook
  accDescr: 2 network namespaces with 2 interfaces.
  subgraph ns0["labbook (host)"]
    ns0_if2["veth-red<br/>10.0.0.1/24<br/>veth · UP"]
  end
  subgraph ns1["netns #quot;red#quot; #91;x#93;"]
    ns1_if3["ceth-red<br/>10.0.0.2/24<br/>veth · UP"]
  end
  ns0_if2 ---|veth #124; pair| ns1_if3
`;

describe('mermaidParts', () => {
  it('takes the accessibility lines out and decodes entity codes', () => {
    const parts = mermaidParts(TOPOLOGY);
    expect(parts.title).toBe('Network topology of labbook');
    expect(parts.description).toBe('2 network namespaces with 2 interfaces.');
    expect(parts.kind).toBe('flowchart');
    expect(parts.body).not.toMatch(/acc(Title|Descr)/);
    // Brackets and bars stay out of the label syntax; quotes are plain quotes.
    expect(parts.body).toContain('subgraph ns1["netns "red" ［x］"]');
    expect(parts.body).toContain('|veth ｜ pair|');
  });
});

describe('diagramSvg', () => {
  it('draws an accessible SVG without outside resources, coloured by the site', () => {
    const svg = diagramSvg(TOPOLOGY)!;
    expect(svg).toMatch(
      /^<svg role="img" aria-labelledby="d[0-9a-f]{8}-title" aria-describedby="d[0-9a-f]{8}-desc" /,
    );
    expect(svg).toMatch(/<title id="d[0-9a-f]{8}-title">Network topology of labbook<\/title>/);
    expect(svg).toContain('2 network namespaces with 2 interfaces.</desc>');
    expect(svg).toContain('--bg:var(--lb-diagram-bg);--fg:var(--lb-diagram-fg)');
    expect(svg).not.toContain('@import');
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    for (const label of ['veth-red', '10.0.0.2/24', 'netns &quot;red&quot; ［x］'])
      expect(svg, label).toContain(label);
  });

  it('gives each diagram its own ids, so two on a page do not collide', () => {
    const ids = (svg: string) => [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    const a = ids(diagramSvg(TOPOLOGY)!);
    const b = ids(diagramSvg(TOPOLOGY.replace('10.0.0.2', '10.0.0.3'))!);
    expect(a.length).toBeGreaterThan(2);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(new Set(a).size).toBe(a.length);
  });

  it('widens the view to hold long labels', () => {
    const long = `sequenceDiagram\n  participant p0 as host\n  p0->>p0: OUTPUT\n  Note over p0: ${'rule 1 matched: -A OUTPUT -d 10.96.0.10/32 -p icmp -j DNAT '.repeat(2)}\n`;
    const svg = diagramSvg(long)!;
    const [x, , w] = /viewBox="([\d.-]+) ([\d.-]+) ([\d.]+)/.exec(svg)!.slice(1).map(Number);
    // 118 characters stay inside the box even in a wide fallback font.
    const size = Number(/font-size="([\d.]+)"[^>]*>rule 1 matched/.exec(svg)![1]);
    expect(w).toBeGreaterThan(118 * size * 0.6);
    expect(x).toBeLessThan(0);
  });

  it('leaves types beautiful-mermaid cannot draw to the source view', () => {
    expect(diagramSvg('pie\n  "a": 1\n')).toBeNull();
    const html = renderDiagram('pie\n  "a": 1\n');
    expect(html).toContain('<p class="lb-diagram-missing">');
    expect(html).toContain('<details class="lb-diagram-source" open>');
  });

  it('renders the same figure for the same text', () => {
    expect(renderDiagram(TOPOLOGY)).toBe(renderDiagram(TOPOLOGY));
  });
});

describe('renderDiagram', () => {
  it('wraps the SVG with its header and a copy button for the Mermaid source', () => {
    const html = renderDiagram(TOPOLOGY, '<code class="lb-request">host</code>');
    expect(html).toMatch(
      /^<figure class="lb-block lb-diagram"><figcaption><code class="lb-request">host<\/code><\/figcaption><div class="lb-diagram-svg"><svg /,
    );
    expect(html).toContain(
      '<details class="lb-diagram-source"><summary>Mermaid source</summary><button type="button" class="lb-copy" data-copy="flowchart LR\n  accTitle: Network topology of labbook',
    );
    expect(html).toContain('<pre><code>flowchart LR\n  accTitle: Network topology of labbook\n');
    expect(html).toContain('subgraph ns1[&quot;netns #quot;red#quot; #91;x#93;&quot;]');
  });
});
