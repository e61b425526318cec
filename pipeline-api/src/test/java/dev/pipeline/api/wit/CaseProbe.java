package dev.pipeline.api.wit;
import dev.pipeline.api.diag.PipelineException;
import java.nio.file.*; import java.util.*;
public class CaseProbe { public static void main(String[] args) throws Exception {
  List<WitOracle.Case> cases = new ArrayList<>(); Map<String,String> ours = new LinkedHashMap<>(); int i = 0;
  for (String text : Files.readString(Path.of(args[0])).split("=====\n")) { String name = "case" + (i++); cases.add(new WitOracle.Case(name, "w", text));
    try { WitLoader.parse("x.wit", text).selectWorld("w"); ours.put(name, "ACCEPT"); } catch (PipelineException e) { ours.put(name, "reject: " + e.diagnostic().message()); } }
  Map<String, WitOracle.Verdict> v = WitOracle.judge(cases);
  for (WitOracle.Case c : cases) { boolean o = ours.get(c.name()).equals("ACCEPT"); boolean w = v.get(c.name()).accepted();
    System.out.println((o == w ? "same " : "DIFF ") + c.name() + " | ours " + ours.get(c.name()) + " | wasm-tools " + (w ? "ACCEPT" : "reject: " + v.get(c.name()).text().lines().findFirst().orElse("")));
    if (o != w) System.out.println(c.source()); } } }
