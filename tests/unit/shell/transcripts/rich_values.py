#! models: rich
#! setup: rich
#! mode: script
import datetime
from decimal import Decimal
a = Article.objects.get(pk=1)
print(a.published, repr(a.published), a.price, repr(a.price), a.rating, a.active)
print(Article.objects.values('title', 'published', 'price').order_by('id'))
print(list(Article.objects.values_list('published', flat=True).order_by('id')))
print(Article.objects.filter(published__year=2024))
print(Article.objects.filter(published__year=2024).query)
print(Article.objects.filter(published__month=3))
print(Article.objects.filter(published__month=3).query)
print(Article.objects.filter(published__day=15))
print(Article.objects.filter(published__gte=datetime.date(2024, 3, 1)))
print(Article.objects.filter(published__gte=datetime.date(2024, 3, 1)).query)
print(Article.objects.filter(published__isnull=True))
print(Article.objects.filter(price__gt=Decimal('10')))
print(Article.objects.filter(price__gt=Decimal('10')).query)
print(Article.objects.filter(active=False))
print(Article.objects.filter(active=False).query)
print(Article.objects.filter(rating__gte=4.5).query)
print(Article.objects.filter(published__range=(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))).query)
n = Article.objects.create(title='New', price=Decimal('3.50'), published=datetime.date(2025, 1, 1))
print(repr(n.price), n.published, n.rating, n.active, n.author)
n.refresh_from_db()
print(repr(n.price), repr(n.published), n.rating)
print(Article.objects.aggregate(Sum('price')) if False else '')
from django.db.models import Sum, Avg, Max
print(Article.objects.aggregate(Sum('price'), Avg('rating'), Max('published')))
ann = Author.objects.get(name='Ann')
print(ann.article_set.all())
print(ann.profile, ann.profile.bio)
print(Profile.objects.get(pk=1).author)
print(Author.objects.filter(profile__bio__icontains='django'))
print(Author.objects.filter(article__title='Queries'))
bob = Author.objects.get(name='Bob')
try:
    bob.profile
except Author.profile.RelatedObjectDoesNotExist as e:
    print('RelatedObjectDoesNotExist:', e)
try:
    bob.profile
except Profile.DoesNotExist as e:
    print('DoesNotExist:', e)
print(ann.delete())
print(Article.objects.values_list('title', 'author_id').order_by('id'))
print(Article.objects.get(pk=4).author)
