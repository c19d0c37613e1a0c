package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiver's {@code config} block: a Prometheus configuration file's {@code global} and
 * {@code scrape_configs}.
 *
 * @param global {@code global}: defaults for every scrape config, and external labels
 * @param scrapeConfigs {@code scrape_configs}: the jobs to scrape (at least one; names unique)
 */
public record PromConfig(GlobalConfig global, List<ScrapeConfig> scrapeConfigs) implements ConfigBlock {
  public PromConfig {
    global = global == null ? GlobalConfig.defaults() : global;
    scrapeConfigs = scrapeConfigs == null ? List.of() : List.copyOf(scrapeConfigs);
  }

  public static PromConfig defaults() {
    return new PromConfig(GlobalConfig.defaults(), List.of());
  }

  @Override
  public void validate(Problems problems) {
    if (scrapeConfigs.isEmpty()) {
      problems.error("scrape_configs", "must list at least one scrape config (job_name and static_configs)");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < scrapeConfigs.size(); i++) {
      ScrapeConfig sc = scrapeConfigs.get(i);
      if (sc.scrapeTimeout() != null && sc.scrapeTimeout().isPositive()
          && sc.effectiveInterval(global).isPositive()
          && sc.scrapeTimeout().compareTo(sc.effectiveInterval(global)) > 0) {
        problems.at("scrape_configs").at(i).error("scrape_timeout", "scrape timeout ("
            + ScrapeConfig.format(sc.scrapeTimeout()) + ") is greater than the scrape interval ("
            + ScrapeConfig.format(sc.effectiveInterval(global)) + ") for job \"" + sc.jobName() + "\"");
      }
      String job = sc.jobName();
      if (job.isEmpty()) {
        continue;
      }
      Integer first = seen.putIfAbsent(job, i);
      if (first != null) {
        problems.at("scrape_configs").at(i).error("job_name",
            "\"" + job + "\" is also the job name of scrape_configs[" + first + "]; job names must be unique");
      }
    }
  }
}
