/* DUPLICATED: the kernel's doubly linked list, re-written with its meaning (a circular list
 * through a head that is not an element), for dma-iommu.c's freelists and region lists. */
#pragma once
#include "dmacheck/duplicated.h"

struct list_head {
  struct list_head *next, *prev;
};
#define LIST_HEAD_INIT(name) \
  { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)
static inline void INIT_LIST_HEAD(struct list_head* list) { list->next = list->prev = list; }
static inline bool list_empty(const struct list_head* head) { return head->next == head; }
static inline void dmk_list_insert(struct list_head* entry, struct list_head* prev, struct list_head* next) {
  next->prev = entry, entry->next = next, entry->prev = prev, prev->next = entry;
}
static inline void list_add(struct list_head* entry, struct list_head* head) {
  dmk_list_insert(entry, head, head->next);
}
static inline void list_add_tail(struct list_head* entry, struct list_head* head) {
  dmk_list_insert(entry, head->prev, head);
}
static inline void list_del(struct list_head* entry) {
  entry->next->prev = entry->prev, entry->prev->next = entry->next;
  entry->next = entry->prev = NULL;
}
/* Moves every element of `list` to the front of `head`; `list` itself is left as it was. */
static inline void list_splice(const struct list_head* list, struct list_head* head) {
  if (list_empty(list)) return;
  struct list_head *first = list->next, *last = list->prev, *at = head->next;
  first->prev = head, head->next = first, last->next = at, at->prev = last;
}
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
/* Whether `pos` is the head in disguise, by address alone: pos->member would be a member
 * access on what is not an entry, which UBSan rightly reports. */
#define dmk_list_is_head(pos, head, member) ((char*)(pos) + offsetof(__typeof__(*(pos)), member) == (char*)(head))
#define list_for_each_entry(pos, head, member)                                                         \
  for (pos = list_entry((head)->next, __typeof__(*pos), member); !dmk_list_is_head(pos, head, member); \
       pos = list_entry(pos->member.next, __typeof__(*pos), member))
#define list_for_each_entry_safe(pos, n, head, member)                                                            \
  for (pos = list_entry((head)->next, __typeof__(*pos), member);                                                  \
       !dmk_list_is_head(pos, head, member) && ((n = list_entry(pos->member.next, __typeof__(*pos), member)), 1); \
       pos = n)
