#include "kernel/iova/kernel_iova_domain.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/step_budget.h"

namespace dmacheck::kernel {

namespace {

IommuHardware& hardware(void* context) { return *static_cast<IommuHardware*>(context); }

// The checker's IOMMU as the harness's core calls it below the tree's dma-iommu.c.
dmk_iommu_hw iommuCallbacks(IommuHardware& iommu) {
  return {
      .context = &iommu,
      .map = [](void* c, unsigned long pfn, unsigned long pages) { return hardware(c).mapPages(pfn, pages) ? 1 : 0; },
      .unmap = [](void* c, unsigned long pfn, unsigned long pages) -> unsigned long {
        return hardware(c).unmapPages(pfn, pages);
      },
      .sync = [](void* c, unsigned long pfn, unsigned long pages) { hardware(c).flushRange(pfn, pages); },
      .flush_all = [](void* c) { hardware(c).flushAll(); },
  };
}

}  // namespace

KernelIovaDomain::KernelIovaDomain(std::shared_ptr<const KernelIovaLibrary> library, const Config& config,
                                   IommuHardware& iommu, const impl::iova::Rules& rules)
    : lib_(std::move(library)),
      config_(config),
      iommu_(iommu),
      queue_(
          impl::iova::flushQueueCount(config, rules), config.fqSize, config.fqTimeoutMs, [this] { iommu_.flushAll(); },
          [this](const impl::iova::FlushQueue::Entry& e) { release(e.pfn, e.pages, true, e.cpu); }),
      treeQueue_(lib_->hasFlushQueue() != 0),
      dmaLayer_(lib_->dmaLayer() == 1),
      lazy_(config.lazy) {
  const dmk_iova_config c{.granule_shift = config.granuleShift,
                          .cpus = config.cpus,
                          .start_pfn = config.startPfn,
                          .dma32_pfn = config.dma32Pfn,
                          .end_pfn = config.endPfn,
                          .lazy = config.lazy,
                          .single_queue = config.queue == QueueKind::Single};
  const dmk_iommu_hw hw = iommuCallbacks(iommu_);
  const int created = lib_->create(&c, &hw);
  if (created == DMK_BUSY)
    throw InputError(fmt::format("{}: the harness holds one domain at a time", lib_->path));
  call(created, "init_iova_domain");
  if (lazy_) startTreeQueue();
}

// The tree's init_iova_flush_queue(), whose flush callback is the IOMMU's flush-all.
void KernelIovaDomain::startTreeQueue() {
  if (!treeQueue_ || treeQueueStarted_ || dmaLayer_) return;
  const auto flushAll = [](void* self) { static_cast<KernelIovaDomain*>(self)->iommu_.flushAll(); };
  call(lib_->fqStart(flushAll, this), "init_iova_flush_queue");
  treeQueueStarted_ = true;
}

KernelIovaDomain::~KernelIovaDomain() { lib_->destroy(); }

void KernelIovaDomain::call(int result, const char* what) const {
  if (result == DMK_BUG) throw KernelBug(fmt::format("{} (in {}, linux {})", lib_->bug(), what, lib_->version));
  if (result == DMK_HUNG)  // the checker reports it as I-TERM and stops the run
    throw NonTermination(fmt::format("{} of linux {} ran past the watchdog's CPU time", what, lib_->version));
  if (result < 0) throw KernelBug(fmt::format("{} failed with {} (linux {})", what, result, lib_->version));
}

void KernelIovaDomain::release(std::uint64_t pfn, std::uint64_t size, bool fast, std::uint32_t cpu) {
  call(lib_->free(pfn, size, fast, cpu), fast ? "free_iova_fast" : "free_iova");
}

// dma_map_resource() through the tree's dma-iommu.c: the DMA mask is the request's limit.
std::optional<std::uint64_t> KernelIovaDomain::mapThroughTree(const MapRequest& r) {
  unsigned long pfn = 0;
  call(lib_->dmaMap(r.size, r.limitPfn, r.cpu, &pfn), "dma_map_resource");
  if (pfn == 0) return std::nullopt;
  return pfn;
}

// The WARN as the tree printed it (its file and line): what the call added to the harness's log.
UnmapResult KernelIovaDomain::unmapThroughTree(const UnmapRequest& r) {
  int warned = 0;
  const std::size_t before = std::strlen(lib_->log());
  call(lib_->dmaUnmap(r.pfn, r.size, r.cpu, &warned), "dma_unmap_resource");
  if (!warned) return {};
  const std::string log = lib_->log();
  std::string printed = log.substr(std::min(before, log.size()));
  while (!printed.empty() && printed.back() == '\n') printed.pop_back();
  return {true, printed};
}

// Size-aligned requests are the DMA API's; the others are alloc_iova()/free_iova() callers.
std::optional<std::uint64_t> KernelIovaDomain::map(const MapRequest& r) {
  if (dmaLayer_ && r.sizeAligned) return mapThroughTree(r);
  unsigned long pfn = 0;
  call(lib_->alloc(r.size, r.limitPfn, r.sizeAligned, r.sizeAligned, r.cpu, &pfn),
       r.sizeAligned ? "alloc_iova_fast" : "alloc_iova");
  if (pfn == 0) return std::nullopt;
  if (!iommu_.mapPages(pfn, r.size)) {  // -EEXIST: give the IOVA back and fail the map
    release(pfn, r.size, r.sizeAligned, r.cpu);
    return std::nullopt;
  }
  return pfn;
}

// Our layer (5.10; alloc_iova() callers everywhere), as __iommu_dma_unmap() does it: WARN when
// fewer granules were mapped than asked, free the IOVA anyway.
UnmapResult KernelIovaDomain::unmap(const UnmapRequest& r) {
  if (dmaLayer_ && r.sizeAligned) return unmapThroughTree(r);
  const bool warned = iommu_.unmapPages(r.pfn, r.size) != r.size;
  if (!r.sizeAligned) {
    iommu_.flushRange(r.pfn, r.size);
    release(r.pfn, r.size, false, r.cpu);
  } else if (lazy_ && treeQueue_) {
    call(lib_->fqQueue(r.pfn, r.size, r.cpu), "queue_iova");
  } else if (lazy_) {
    queue_.queue(r.pfn, r.size, r.cpu, iommu_.nowMs());
  } else {
    iommu_.flushRange(r.pfn, r.size);
    release(r.pfn, r.size, true, r.cpu);
  }
  return {warned};
}

void KernelIovaDomain::reserve(std::uint64_t lo, std::uint64_t hi) { call(lib_->reserve(lo, hi), "reserve_iova"); }

void KernelIovaDomain::clockAdvanced() {
  if (!treeQueue_) queue_.clockAdvanced(iommu_.nowMs());
  call(lib_->clock(iommu_.nowMs()), "the depot's delayed work and the flush queue's timer");
}

void KernelIovaDomain::cpuDead(std::uint32_t cpu) { call(lib_->cpuDead(cpu), "iova_cpuhp_dead"); }

// The DMA -> DMA_FQ switch as fixed upstream: queues ready before the domain turns lazy.
std::optional<UnmapResult> KernelIovaDomain::switchToLazy(std::optional<UnmapRequest> racingUnmap) {
  std::optional<UnmapResult> result;
  if (racingUnmap) result = unmap(*racingUnmap);
  if (dmaLayer_) call(lib_->dmaSwitchLazy(), "iommu_dma_init_fq");
  startTreeQueue();
  lazy_ = true;
  return result;
}

void KernelIovaDomain::teardown() {
  if (treeQueueStarted_ || dmaLayer_)
    call(lib_->fqDrain(), "fq_flush_timeout");
  else queue_.flushAndDrain();
  call(lib_->flushCaches(), "free_cpu_cached_iovas/free_global_cached_iovas");
}

std::vector<PfnRange> KernelIovaDomain::busyRanges() const {
  std::vector<unsigned long> raw(2 * lib_->busy(nullptr, 0));
  const std::size_t n = lib_->busy(raw.data(), raw.size() / 2);
  std::vector<PfnRange> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back({raw[2 * i], raw[2 * i + 1]});
  return out;
}

std::vector<PfnRange> KernelIovaDomain::queuedRanges() const {
  if (!treeQueue_) return queue_.contents();
  std::vector<unsigned long> raw(2 * lib_->fqQueued(nullptr, 0));
  const std::size_t n = lib_->fqQueued(raw.data(), raw.size() / 2);
  std::vector<PfnRange> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back({raw[2 * i], raw[2 * i] + raw[2 * i + 1] - 1});
  return out;
}

std::vector<CachedPfn> KernelIovaDomain::cachedPfns() const {
  std::vector<unsigned long> raw(3 * lib_->cached(nullptr, 0));
  const std::size_t n = lib_->cached(raw.data(), raw.size() / 3);
  std::vector<CachedPfn> out;
  for (std::size_t i = 0; i < n; ++i)
    out.push_back({static_cast<std::uint32_t>(raw[3 * i]), raw[3 * i + 1], static_cast<std::uint32_t>(raw[3 * i + 2])});
  return out;
}

}  // namespace dmacheck::kernel
