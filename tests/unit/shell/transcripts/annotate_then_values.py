#! models: m2m
#! setup: m2m
#! mode: script
from django.db.models import Count, Max
print(Author.objects.annotate(n=Count('posts')).values('pk').query)
print(Author.objects.annotate(n=Count('posts')).values('name', 'n').query)
print(Author.objects.annotate(n=Count('posts')).values('name', 'n').order_by('name'))
print(Author.objects.annotate(n=Count('posts')).values_list('n', flat=True).query)
print(Author.objects.annotate(n=Count('posts')).filter(n__gt=1).values('name').query)
print(Author.objects.values('name').annotate(n=Count('posts')).query)
print(Author.objects.annotate(n=Count('posts'), m=Max('posts__id')).values('m').query)
print(Author.objects.filter(pk__in=Author.objects.annotate(n=Count('posts')).filter(n__gt=1).values('pk')).query)
print(Author.objects.filter(pk__in=Author.objects.annotate(n=Count('posts')).filter(n__gt=1).values('pk')))
