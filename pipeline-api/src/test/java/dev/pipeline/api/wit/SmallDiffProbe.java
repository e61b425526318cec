package dev.pipeline.api.wit;
import dev.pipeline.api.diag.PipelineException;
import java.nio.file.*; import java.util.*;
public class SmallDiffProbe { public static void main(String[] args) throws Exception {
  List<String> bases = new ArrayList<>();
  for (String t : Files.readString(Path.of("pipeline-api/src/test/resources/wit/oracle-cases.wit")).split("=====\n")) if (!t.startsWith("// stricter")) bases.add(t);
  bases.add(Files.readString(Path.of("pipeline-api/src/test/resources/wit/valid/kitchen/types.wit")).replace("use demo:dep/shapes@0.1.0 as shp;", "").replace("use shp.{shape, point as pt};", "type shape = u8; type pt = u16;") + "\nworld w { export types; }\n");
  Random r = new Random(Long.parseLong(args[1])); int n = Integer.parseInt(args[0]);
  List<WitOracle.Case> cases = new ArrayList<>(); Map<String,String> ours = new HashMap<>();
  for (int i = 0; i < n; i++) { String text = WitMutator.mutate(bases.get(r.nextInt(bases.size())), r); String name = "m" + i; cases.add(new WitOracle.Case(name, "w", text));
    try { WitLoader.parse("x.wit", text).selectWorld("w"); ours.put(name, null); } catch (PipelineException e) { ours.put(name, e.diagnostic().message()); } }
  Map<String, WitOracle.Verdict> v = WitOracle.judge(cases); int agree = 0;
  for (WitOracle.Case c : cases) { boolean o = ours.get(c.name()) == null; boolean w = v.get(c.name()).accepted();
    if (o == w) { agree++; continue; }
    System.out.println("DIFF " + c.name() + " | ours " + (o ? "ACCEPT" : ours.get(c.name())) + " | wasm-tools " + (w ? "ACCEPT" : v.get(c.name()).text().lines().findFirst().orElse("")));
    System.out.println(c.source()); }
  System.out.println("agree " + agree + "/" + n); } }
