#! models: m2m
#! setup: m2m
#! mode: repl
list(Author.objects.prefetch_related('bogus'))
list(Author.objects.prefetch_related('name'))
list(Author.objects.prefetch_related('posts__bogus'))
list(Author.objects.prefetch_related('posts__title'))
qs = Author.objects.prefetch_related('bogus')
Author.objects.prefetch_related('bogus').count()
list(Author.objects.filter(name='zzz').prefetch_related('bogus'))
Author.objects.prefetch_related('posts').iterator()
it = Author.objects.prefetch_related('posts').order_by('id')
[a.posts.all() for a in it.iterator(chunk_size=10)]
Author.objects.iterator(chunk_size=0)
