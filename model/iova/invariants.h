#pragma once
// The IOVA lifecycle invariants, by stable id. Checks report these ids; traces, corpus
// expectations and the bug registry refer to them.
#include "model/invariant_info.h"
#include <string_view>

namespace dmacheck::iova {

inline constexpr InvariantInfo kInvariants[] = {
    {"I-ROBUST", "no operation crashes the allocator (BUG_ON), client errors included"},
    {"I-TERM", "every operation finishes: no search, walk or drain runs past its step budget (the kernel "
               "would spin there, holding the domain's lock)"},
    {"I-LIMIT", "an allocation lies within [start_pfn, limit_pfn]"},
    {"I-DISJ", "an allocation overlaps no live allocation and no reserved range; a live allocation "
               "stays allocated until it is unmapped"},
    {"I-ALIGN", "a size-aligned allocation starts at a multiple of its size rounded up to a power of two"},
    {"FQ-SAFE", "an IOVA is not handed out again before an IOTLB invalidation that started after its "
                "unmap has finished"},
    {"I-CLIENT", "a client error (double unmap, unmap of an IOVA never mapped) is reported and changes "
                 "nothing; a valid unmap is not reported"},
    {"I-RCACHE", "every cached pfn is allocated in the tree with its bin's size, is not live, and "
                 "is cached once"},
    {"I-COMPLETE", "an allocation fails only if no suitable free range exists (or the 32-bit "
                   "shortcut may fail it, see model/iova/lifecycle_spec.h)"},
    {"I-NOLEAK", "after teardown (queues flushed, caches emptied) exactly the live and reserved "
                 "ranges are allocated"},
};

inline constexpr std::string_view kInvariantPriority[] = {
    "I-ROBUST", "I-TERM", "I-LIMIT", "I-DISJ", "I-ALIGN", "FQ-SAFE", "I-CLIENT", "I-RCACHE", "I-COMPLETE", "I-NOLEAK"};

}  // namespace dmacheck::iova
