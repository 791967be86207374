#! models: seed
#! setup: seed
#! mode: script
from django.db.models import Count, Sum, Avg, Max, Min, Q, F
print(Post.objects.aggregate(Sum('views_count')))
print(Post.objects.aggregate(total=Sum('views_count'), avg=Avg('views_count'), most=Max('views_count'), least=Min('views_count')))
print(Post.objects.aggregate(Count('id')))
print(Post.objects.filter(views_count__gt=100).aggregate(Sum('views_count'), Avg('views_count')))
qs = Post.objects.annotate(n=Count('comments')).order_by('id')
print(qs.query)
print([(p.title, p.n) for p in qs])
qs = Post.objects.annotate(num_tags=Count('tags')).filter(num_tags__gte=2)
print(qs.query)
print(qs)
print(Post.objects.annotate(n=Count('comments')).values('title', 'n').order_by('-n', 'title'))
print(Comment.objects.values('author').annotate(n=Count('id')).order_by('author'))
print(Comment.objects.values('author').annotate(n=Count('id')).order_by('author').query)
print(Tag.objects.annotate(posts=Count('post')).values_list('name', 'posts').order_by('name'))
print(Post.objects.aggregate(c=Count('comments')))
print(Post.objects.aggregate(c=Count('comments', distinct=True)))
print(Comment.objects.aggregate(Max('post__views_count')))
