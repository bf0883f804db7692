package io.parley.api.server;

import java.util.List;

public record BanPage(List<BanView> items, long total) {
}
