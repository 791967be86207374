#! models: m2m
#! setup: m2m
#! mode: repl
qs = Post.objects.select_related('title')
qs
Post.objects.select_related('bogus')
Post.objects.select_related('author__bogus')
Post.objects.select_related('author__name')
Post.objects.select_related('title', 'bogus')
Reader.objects.select_related('follows')
Author.objects.select_related('posts')
Post.objects.values('title').select_related('author')
Post.objects.select_related(1)
