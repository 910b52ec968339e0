package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Body of {@code POST /volumes/create}. Every field is optional: no name makes a random one, the only
 * driver is {@code local}.
 */
public record VolumeCreateRequest(@JsonProperty("Name") String name,
                                  @JsonProperty("Driver") String driver,
                                  @JsonProperty("DriverOpts") Map<String, String> driverOpts,
                                  @JsonProperty("Labels") Map<String, String> labels) {
}
